#ifndef GRASSROOTS_CZLIB_SHIM_H
#define GRASSROOTS_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_, which the Swift importer does not expand.
static inline int CZlibDeflateInit2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
