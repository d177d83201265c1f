// The one table of change kinds: what each kind means and the verdict it gives a pair. A pair's
// verdict is read from here (see ./classify.ts), never from a list kept elsewhere.
import type { ChangeKind, Verdict } from './types.js';

export interface KindInfo {
  /** A short phrase for summaries: "macro added". */
  title: string;
  verdict: Verdict;
  /** What the kind means for a program built against the old header. */
  description: string;
}

export const CHANGE_KINDS: Record<ChangeKind, KindInfo> = {
  'macro-added': {
    title: 'macro added',
    verdict: 'additive',
    description: 'A macro a C program sees after including the header exists only in the new version.',
  },
  'macro-removed': {
    title: 'macro removed',
    verdict: 'incompatible',
    description: 'A macro of the old version is gone for userspace (deleted, or moved into a context userspace never sees).',
  },
  'macro-value-changed': {
    title: 'macro value changed',
    verdict: 'incompatible',
    description:
      'The evaluated value differs, also when only a macro it uses or the size of a record it takes (an ioctl number) changed; a macro that cannot be evaluated (function-like, a string) changed its text.',
  },
  'macro-respelled': {
    title: 'macro respelled',
    verdict: 'equivalent',
    description:
      'The replacement text differs but the value is equal on every ABI: `(1UL << 0)` became `(1UL << DEBUGCTLMSR_LBR_BIT)`. For a macro without a value (function-like), gcc reads both texts the same: `typeof` became `__typeof__`.',
  },
  'macro-renamed': {
    title: 'macro renamed',
    verdict: 'incompatible',
    description:
      'A macro was removed and another added in its place (between the same neighbours) with the same value on every ABI (the same text when it cannot be evaluated): source that names the old one no longer compiles.',
  },
  'enum-constant-added': {
    title: 'enum constant added',
    verdict: 'additive',
    description: 'An enumeration constant exists only in the new version.',
  },
  'enum-constant-removed': {
    title: 'enum constant removed',
    verdict: 'incompatible',
    description: 'An enumeration constant of the old version is gone for userspace.',
  },
  'enum-constant-value-changed': {
    title: 'enum constant value changed',
    verdict: 'incompatible',
    description: 'An enumeration constant has another value, e.g. because a constant was inserted before it.',
  },
  'sentinel-value-changed': {
    title: 'sentinel value changed',
    verdict: 'additive',
    description:
      'A bound that grows as a family grows changed value: a constant the header marks `/* non-ABI */` (PERF_COUNT_SW_MAX), the last constant of an enumeration named as its bound (`__IFLA_MAX`, `*_NR`, `*_COUNT`) once constants were added before it, or a bound computed from one (`#define IFLA_MAX (__IFLA_MAX - 1)`). A rebuilt program gets the new family, and the new bound with it.',
  },
  'enum-constant-respelled': {
    title: 'enum constant respelled',
    verdict: 'equivalent',
    description: 'The initialiser of an enumeration constant is written differently and gives the same value.',
  },
  'enum-constant-renamed': {
    title: 'enum constant renamed',
    verdict: 'incompatible',
    description:
      'An enumeration constant was removed and another added in its place (between the same constants of its enum) with the same value on every ABI: source that names the old one no longer compiles.',
  },
  'record-added': {
    title: 'record added',
    verdict: 'additive',
    description: 'A struct or union is defined only in the new version.',
  },
  'record-removed': {
    title: 'record removed',
    verdict: 'incompatible',
    description: 'A struct or union of the old version is no longer defined for userspace.',
  },
  'record-size-changed': {
    title: 'record size changed',
    verdict: 'incompatible',
    description: 'sizeof the struct or union differs; ioctl numbers built from it change with it.',
  },
  'member-added': {
    title: 'member added',
    verdict: 'additive',
    description: 'A member exists only in the new version (outside reserved space: the record size or other offsets usually change too, and say so).',
  },
  'member-removed': {
    title: 'member removed',
    verdict: 'incompatible',
    description: 'A member of the old version is gone.',
  },
  'member-renamed': {
    title: 'member renamed',
    verdict: 'incompatible',
    description: 'A member took another name at the same offset, size and type: source that names it no longer compiles.',
  },
  'member-moved': {
    title: 'member moved',
    verdict: 'incompatible',
    description: 'A member changed offset, size, bit position or type.',
  },
  'member-carved-from-reserved': {
    title: 'member carved from reserved space',
    verdict: 'additive',
    description:
      'A new member took space of a reserved or padding member (`__reserved*`, `reserved*`, `spare*`, `pad*`, `__pad*`) that was replaced, shrank or became a union with it, while every other member kept its offset and the record its size.',
  },
  'member-respelled': {
    title: 'member respelled',
    verdict: 'equivalent',
    description: 'A member is written differently with the same name, offset, size and type: `x[]` became `__DECLARE_FLEX_ARRAY(T, x)`.',
  },
  'member-unreadable': {
    title: 'member unreadable',
    verdict: 'differs',
    description:
      'A member is named on one side only in a declaration the model could not read, even after macro expansion: a macro the include path does not define, such as `__DECLARE_FLEX_ARRAY` where nothing includes <linux/stddef.h>. Not judged: the member is not compared.',
  },
  'typedef-added': {
    title: 'typedef added',
    verdict: 'additive',
    description: 'A typedef name exists only in the new version.',
  },
  'typedef-removed': {
    title: 'typedef removed',
    verdict: 'incompatible',
    description: 'A typedef name of the old version is gone for userspace.',
  },
  'typedef-changed': {
    title: 'typedef changed',
    verdict: 'incompatible',
    description: 'A typedef names another type (compared as written after macro expansion).',
  },
  'declaration-added': {
    title: 'declaration added',
    verdict: 'additive',
    description: 'A function or variable is declared only in the new version.',
  },
  'declaration-removed': {
    title: 'declaration removed',
    verdict: 'incompatible',
    description: 'A function or variable declaration of the old version is gone.',
  },
  'declaration-changed': {
    title: 'declaration changed',
    verdict: 'incompatible',
    description: 'A function or variable is declared with another type (compared as written after macro expansion).',
  },
  'declaration-respelled': {
    title: 'declaration respelled',
    verdict: 'equivalent',
    description: 'A prototype is written differently with the same type to the compiler: a parameter renamed, a compiler keyword spelled another way, `unsigned int` spelled `__u32`.',
  },
  'typedef-respelled': {
    title: 'typedef respelled',
    verdict: 'equivalent',
    description: 'A typedef is written differently with the same type to the compiler: a parameter of a function type renamed, `unsigned int` spelled `__u32`.',
  },
  'definition-moved': {
    title: 'definition moved',
    verdict: 'equivalent',
    description: 'A definition (macro, record, enum, typedef, declaration, include) stands elsewhere in the file and compares equal: two macros swapped, a struct defined further down.',
  },
  'macro-call-respelled': {
    title: 'macro call respelled',
    verdict: 'equivalent',
    description:
      'Macro calls at file level that declare nothing (not a declaration the model reads) were written differently, added or removed, and expand to the same tokens on every ABI compared: `__SYSCALL(nr, f)` became `__SC_COMP(nr, f, compat_f)`, both empty outside the kernel.',
  },
  'function-body-changed': {
    title: 'inline function body changed',
    verdict: 'differs',
    description: 'The body of a function defined in the header (`static inline`) changed, its prototype not: code a program compiles in, which kdrift does not judge.',
  },
  'include-added': {
    title: 'include added',
    verdict: 'equivalent',
    description: 'An #include was added; what it brings is compared in its own pair, not here.',
  },
  'include-removed': {
    title: 'include removed',
    verdict: 'equivalent',
    description: 'An #include was removed; what it brought is compared in its own pair, not here.',
  },
  'include-guard-renamed': {
    title: 'include guard renamed',
    verdict: 'equivalent',
    description: 'The include guard macro has another name (headers_install rewrites uapi guards; programs do not test them).',
  },
  'context-changed': {
    title: 'conditions changed',
    verdict: 'equivalent',
    description:
      'The #if conditions around a name changed, and it is still seen on exactly the same ABIs with the same value and layout (an `#ifndef static_assert` guard dropped).',
  },
  'kernel-only': {
    title: 'kernel-only change',
    verdict: 'equivalent',
    description: 'A change inside `#ifdef __KERNEL__` or another context userspace never sees on any ABI compared (`__ASSEMBLY__`, `#if 0`).',
  },
  'comment-or-whitespace': {
    title: 'comment or whitespace',
    verdict: 'equivalent',
    description: 'Lines differ only in comments or whitespace: the C tokens are equal.',
  },
  unexplained: {
    title: 'unexplained change',
    verdict: 'differs',
    description:
      'C tokens differ where the model has no entity (a construct kdrift does not model, such as a `#pragma` or `_Static_assert`): not judged, so it is never silenced.',
  },
};

/** Every kind, in the table's order (the order summaries count them in). */
export const CHANGE_KIND_ORDER = Object.keys(CHANGE_KINDS) as ChangeKind[];
