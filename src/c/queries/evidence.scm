; Evidence the emulator models read in kernel C files (src/emulator/evidence.ts): function
; definitions (their names are found by walking the declarator), object-like #defines, and
; every identifier (fields included) for "does the file name X".
(function_definition) @function
(preproc_def name: (identifier) @define.name value: (preproc_arg)? @define.value) @define
