#ifndef MAILDOCTOR_CARES_SHIM_H
#define MAILDOCTOR_CARES_SHIM_H

#include <ares.h>
#include <arpa/nameser.h>
#include <poll.h>
#include <sys/time.h>

/* ARES_GETSOCK_READABLE / _WRITABLE are function-like macros, which Swift cannot import. */
static inline int maildoctor_ares_sock_readable(int bits, int num) {
    return ARES_GETSOCK_READABLE(bits, num) ? 1 : 0;
}

static inline int maildoctor_ares_sock_writable(int bits, int num) {
    return ARES_GETSOCK_WRITABLE(bits, num) ? 1 : 0;
}

#endif
