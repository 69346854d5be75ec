#ifndef CSEMANTICTABLE_H
#define CSEMANTICTABLE_H

#include <stddef.h>

/// First byte of the distilled MiniLM token table (Sources/CSemanticTable/data/minilm-static.bin).
extern const unsigned char maildoctor_semantic_table[];
/// One past the table's last byte.
extern const unsigned char maildoctor_semantic_table_end[];

/// The table's start.
static inline const unsigned char *maildoctor_semantic_table_start(void) { return maildoctor_semantic_table; }

/// The table's size in bytes.
static inline size_t maildoctor_semantic_table_size(void) {
    return (size_t)(maildoctor_semantic_table_end - maildoctor_semantic_table);
}

#endif
