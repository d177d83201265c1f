// Sizes, alignments and predefined macros of the three ABIs kdrift evaluates on, as gcc 12
// has them. Alignments are those a member gets inside a record (on i386 `long long` and
// `double` are 4-aligned there, which is what _Alignof and record layout use).
export type Abi = 'x86_64' | 'i386' | 'arm64';
export const ABIS: readonly Abi[] = ['x86_64', 'i386', 'arm64'];

export type IntName =
  | 'bool' | 'char' | 'schar' | 'uchar' | 'short' | 'ushort' | 'int' | 'uint'
  | 'long' | 'ulong' | 'llong' | 'ullong' | 'int128' | 'uint128';
export type FloatName = 'float' | 'double' | 'ldouble';

export interface ScalarInfo {
  size: number;
  align: number;
}

export interface AbiInfo {
  name: Abi;
  pointer: ScalarInfo;
  ints: Record<IntName, ScalarInfo>;
  floats: Record<FloatName, ScalarInfo>;
  charSigned: boolean;
  /** `__attribute__((aligned))` without an argument. */
  biggestAlignment: number;
  /** gcc's predefined macros that headers test (`__x86_64__`, `__BYTE_ORDER__`, …). */
  predefined: [string, string][];
  /** Whether __int128 exists. */
  int128: boolean;
}

const COMMON_INTS = {
  bool: { size: 1, align: 1 },
  char: { size: 1, align: 1 },
  schar: { size: 1, align: 1 },
  uchar: { size: 1, align: 1 },
  short: { size: 2, align: 2 },
  ushort: { size: 2, align: 2 },
  int: { size: 4, align: 4 },
  uint: { size: 4, align: 4 },
  int128: { size: 16, align: 16 },
  uint128: { size: 16, align: 16 },
};

const COMMON_PREDEFINED: [string, string][] = [
  ['__STDC__', '1'],
  ['__STDC_VERSION__', '201710L'],
  ['__STDC_HOSTED__', '1'],
  ['__GNUC__', '12'],
  ['__GNUC_MINOR__', '2'],
  ['__GNUC_PATCHLEVEL__', '0'],
  ['__CHAR_BIT__', '8'],
  ['__SIZEOF_INT__', '4'],
  ['__SIZEOF_SHORT__', '2'],
  ['__SIZEOF_LONG_LONG__', '8'],
  ['__SIZEOF_FLOAT__', '4'],
  ['__SIZEOF_DOUBLE__', '8'],
  ['__SCHAR_MAX__', '0x7f'],
  ['__SHRT_MAX__', '0x7fff'],
  ['__INT_MAX__', '0x7fffffff'],
  ['__LONG_LONG_MAX__', '0x7fffffffffffffffLL'],
  ['__ORDER_LITTLE_ENDIAN__', '1234'],
  ['__ORDER_BIG_ENDIAN__', '4321'],
  ['__ORDER_PDP_ENDIAN__', '3412'],
  ['__BYTE_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
  ['__FLOAT_WORD_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
  ['__linux__', '1'],
  ['__linux', '1'],
  ['linux', '1'],
  ['__unix__', '1'],
  ['__unix', '1'],
  ['unix', '1'],
  ['__gnu_linux__', '1'],
  ['__ELF__', '1'],
  ['__CHAR16_TYPE__', 'short unsigned int'],
  ['__CHAR32_TYPE__', 'unsigned int'],
  ['__INT8_TYPE__', 'signed char'],
  ['__UINT8_TYPE__', 'unsigned char'],
  ['__INT16_TYPE__', 'short int'],
  ['__UINT16_TYPE__', 'short unsigned int'],
  ['__INT32_TYPE__', 'int'],
  ['__UINT32_TYPE__', 'unsigned int'],
];

const LP64_INTS = {
  ...COMMON_INTS,
  long: { size: 8, align: 8 },
  ulong: { size: 8, align: 8 },
  llong: { size: 8, align: 8 },
  ullong: { size: 8, align: 8 },
};

const LP64_PREDEFINED: [string, string][] = [
  ['__LP64__', '1'],
  ['_LP64', '1'],
  ['__SIZEOF_LONG__', '8'],
  ['__SIZEOF_POINTER__', '8'],
  ['__SIZEOF_SIZE_T__', '8'],
  ['__SIZEOF_INT128__', '16'],
  ['__LONG_MAX__', '0x7fffffffffffffffL'],
  ['__SIZE_TYPE__', 'long unsigned int'],
  ['__PTRDIFF_TYPE__', 'long int'],
  ['__INTPTR_TYPE__', 'long int'],
  ['__UINTPTR_TYPE__', 'long unsigned int'],
  ['__INT64_TYPE__', 'long int'],
  ['__UINT64_TYPE__', 'long unsigned int'],
  ['__SIZE_MAX__', '0xffffffffffffffffUL'],
];

export const ABI_INFO: Record<Abi, AbiInfo> = {
  x86_64: {
    name: 'x86_64',
    pointer: { size: 8, align: 8 },
    ints: LP64_INTS,
    floats: { float: { size: 4, align: 4 }, double: { size: 8, align: 8 }, ldouble: { size: 16, align: 16 } },
    charSigned: true,
    biggestAlignment: 16,
    int128: true,
    predefined: [
      ...COMMON_PREDEFINED,
      ...LP64_PREDEFINED,
      ['__x86_64__', '1'],
      ['__x86_64', '1'],
      ['__amd64__', '1'],
      ['__amd64', '1'],
      ['__SIZEOF_LONG_DOUBLE__', '16'],
      ['__WCHAR_TYPE__', 'int'],
      ['__SSE__', '1'],
      ['__SSE2__', '1'],
      ['__MMX__', '1'],
    ],
  },
  i386: {
    name: 'i386',
    pointer: { size: 4, align: 4 },
    ints: {
      ...COMMON_INTS,
      long: { size: 4, align: 4 },
      ulong: { size: 4, align: 4 },
      llong: { size: 8, align: 4 },
      ullong: { size: 8, align: 4 },
    },
    floats: { float: { size: 4, align: 4 }, double: { size: 8, align: 4 }, ldouble: { size: 12, align: 4 } },
    charSigned: true,
    biggestAlignment: 16,
    int128: false,
    predefined: [
      ...COMMON_PREDEFINED,
      ['__i386__', '1'],
      ['__i386', '1'],
      ['i386', '1'],
      ['__ILP32__', '1'],
      ['_ILP32', '1'],
      ['__SIZEOF_LONG__', '4'],
      ['__SIZEOF_POINTER__', '4'],
      ['__SIZEOF_SIZE_T__', '4'],
      ['__SIZEOF_LONG_DOUBLE__', '12'],
      ['__LONG_MAX__', '0x7fffffffL'],
      ['__SIZE_TYPE__', 'unsigned int'],
      ['__PTRDIFF_TYPE__', 'int'],
      ['__INTPTR_TYPE__', 'int'],
      ['__UINTPTR_TYPE__', 'unsigned int'],
      ['__INT64_TYPE__', 'long long int'],
      ['__UINT64_TYPE__', 'long long unsigned int'],
      ['__SIZE_MAX__', '0xffffffffU'],
      ['__WCHAR_TYPE__', 'long int'],
    ],
  },
  arm64: {
    name: 'arm64',
    pointer: { size: 8, align: 8 },
    ints: LP64_INTS,
    floats: { float: { size: 4, align: 4 }, double: { size: 8, align: 8 }, ldouble: { size: 16, align: 16 } },
    charSigned: false,
    biggestAlignment: 16,
    int128: true,
    predefined: [
      ...COMMON_PREDEFINED,
      ...LP64_PREDEFINED,
      ['__aarch64__', '1'],
      ['__AARCH64EL__', '1'],
      ['__ARM_64BIT_STATE', '1'],
      ['__ARM_ARCH', '8'],
      ['__ARM_ARCH_8A', '1'],
      ['__CHAR_UNSIGNED__', '1'],
      ['__WCHAR_TYPE__', 'unsigned int'],
      ['__SIZEOF_LONG_DOUBLE__', '16'],
    ],
  },
};

/**
 * GNU keyword spellings and the annotations scripts/headers_install.sh strips from uapi
 * headers (`__user`, `__force`, …): predefined so raw kernel trees parse like installed ones.
 */
export const COMPILER_MACROS: [string, string][] = [
  ['__signed__', 'signed'],
  ['__signed', 'signed'],
  ['__inline__', 'inline'],
  ['__inline', 'inline'],
  ['__const__', 'const'],
  ['__const', 'const'],
  ['__volatile__', 'volatile'],
  ['__volatile', 'volatile'],
  ['__restrict__', 'restrict'],
  ['__restrict', 'restrict'],
  ['__extension__', ''],
  ['__attribute', '__attribute__'],
  ['__asm', '__asm__'],
  ['__typeof', 'typeof'],
  ['__typeof__', 'typeof'],
  ['__alignof__', '_Alignof'],
  ['__alignof', '_Alignof'],
  ['__user', ''],
  ['__force', ''],
  ['__iomem', ''],
  ['__must_check', ''],
  ['__cold', ''],
  ['__attribute_const__', ''],
];
