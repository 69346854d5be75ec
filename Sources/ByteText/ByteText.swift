// ByteText — the one home of byte-level text work in MailDoctor.
//
// Everything here works on UTF-8 bytes for speed: ASCII helpers, searching, trimming, the
// tokeniser, UTF-8 decoding, the JSON writer and escaper, and the SMTP reply / enhanced status code
// scanner. Other modules call it through named functions (`containsBytes`, never a shadowed
// `contains`), so a reader always sees when a comparison is byte-wise.
//
// Unsafe pointer code is allowed in this module only; each use carries a one-line reason.
// Symbols are `package`: the module is an implementation detail of this package, not public API.
// The small hot ones are `@inlinable` (with `@usableFromInline` on the package types they reach):
// without it, every call from another module is an uninlined function call, which once made a cold
// `ask` twice as slow.
