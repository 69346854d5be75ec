/// CShims — the thin Swift wrappers of the C libraries MailDoctor links (libstemmer, libedit).
///
/// The only Swift module besides `ByteText` with unsafe pointer code: each wrapper turns C strings,
/// malloc'd results and C callbacks into Swift values, and each unsafe use carries a one-line reason.
/// The modules that use a library (`Knowledge`, `Shell`) keep their logic and call these functions.
/// Symbols are `package`: an implementation detail of this package, not public API.
package enum CShims {}
