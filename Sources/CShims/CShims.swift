/// CShims — the thin Swift wrappers of the C libraries MailDoctor links (libstemmer, libedit, c-ares)
/// and of POSIX threads.
///
/// The only Swift module besides `ByteText` with unsafe pointer code: each wrapper turns C strings,
/// malloc'd results, C buffers and C callbacks (with the context pointer they carry) into Swift values
/// and closures, and each unsafe use carries a one-line reason. The modules that use a library
/// (`Knowledge`, `Shell`, `DNSResolver`'s c-ares driver, `maildoctor`'s batch threads) keep their logic
/// and call these functions. Symbols are `package`: an implementation detail of this package, not
/// public API.
package enum CShims {}
