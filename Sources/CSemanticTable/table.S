// The distilled MiniLM token table (data/minilm-static.bin, made by `make distill`), assembled into the
// binary as read-only bytes: mapped with the executable, never parsed or copied at start-up.
// `.incbin` finds the file through the target's header search path (Package.swift: cSettings "data").
#if defined(__APPLE__)
#define SYMBOL(name) _##name
    .section __TEXT,__const
#else
#define SYMBOL(name) name
    .section .rodata.maildoctor_semantic_table,"a",@progbits
#endif
    .balign 64
    .globl SYMBOL(maildoctor_semantic_table)
SYMBOL(maildoctor_semantic_table):
    .incbin "minilm-static.bin"
    .globl SYMBOL(maildoctor_semantic_table_end)
SYMBOL(maildoctor_semantic_table_end):
    .byte 0
#if !defined(__APPLE__)
    .section .note.GNU-stack,"",@progbits
#endif
