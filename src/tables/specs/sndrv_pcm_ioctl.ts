// sndrv_pcm_ioctl.sh: the SNDRV_PCM_IOCTL_* ioctls of uapi/sound/asound.h, `_IO*('A', 0x…, …)`.
import { sndrvIoctl } from './sndrv.js';

export const sndrv_pcm_ioctl = sndrvIoctl('pcm', 'A', { 'c5673ec98ca094dd': 'v6.12', '5a3c90a4e50e3001': 'v6.1' });
