// sndrv_ctl_ioctl.sh: the SNDRV_CTL_IOCTL_* ioctls of uapi/sound/asound.h, `_IO*('U', 0x…, …)`.
import { sndrvIoctl } from './sndrv.js';

export const sndrv_ctl_ioctl = sndrvIoctl('ctl', 'U', { '3eacacb18da68484': 'v6.12', '3be2fac56a99a4a4': 'v6.1' });
