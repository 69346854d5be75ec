/* Stands in for libcurl in the release build. Not a library anyone should call.
 *
 * maildoctor transfers no URLs. The release binary links Foundation statically, and the MCP library
 * (modelcontextprotocol/swift-sdk, for `maildoctor mcp`) refers to URLSession for an HTTP transport and
 * OAuth client that maildoctor never uses; so FoundationNetworking's static archive comes along and asks
 * for -lcurl. Linking the real libcurl would load it and its 31 shared libraries at every start of every
 * command (the start-up is ~8 ms; each library costs a few hundred microseconds). The Makefile builds
 * these definitions into scripts/static-libs/libcurl.a, which the release link finds first; each one
 * stops the program with a message if it were ever called. Debug builds (make test) link the real
 * shared FoundationNetworking and libcurl. */
#include <stdio.h>
#include <stdlib.h>

static void unused(const char *name) {
    fprintf(stderr, "maildoctor: internal error: %s was called, but this build has no URL transfer library\n", name);
    abort();
}

#define UNUSED(name) \
    void name(void); \
    void name(void) { unused(#name); }

UNUSED(curl_easy_cleanup)
UNUSED(curl_easy_getinfo)
UNUSED(curl_easy_init)
UNUSED(curl_easy_pause)
UNUSED(curl_easy_setopt)
UNUSED(curl_easy_strerror)
UNUSED(curl_free)
UNUSED(curl_global_init)
UNUSED(curl_multi_add_handle)
UNUSED(curl_multi_assign)
UNUSED(curl_multi_cleanup)
UNUSED(curl_multi_info_read)
UNUSED(curl_multi_init)
UNUSED(curl_multi_remove_handle)
UNUSED(curl_multi_setopt)
UNUSED(curl_multi_socket_action)
UNUSED(curl_slist_append)
UNUSED(curl_slist_free_all)
UNUSED(curl_url)
UNUSED(curl_url_get)
UNUSED(curl_url_set)
UNUSED(curl_version)
UNUSED(curl_version_info)
