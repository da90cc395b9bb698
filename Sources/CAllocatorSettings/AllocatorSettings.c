#include "CAllocatorSettings.h"

// jemalloc reads the options of a program that links it from this global (see `man jemalloc`,
// "malloc_conf"); MALLOC_CONF in the environment still adds to and overrides them.
//
// thp:always — jemalloc asks for transparent huge pages (2 MiB) for the memory it maps: a build
// of a large site reads the bodies and mentions of thousands of pages from all over a heap of
// several hundred megabytes while rendering, and with 4 KiB pages each such read was also a
// walk of the page tables. On a kernel whose setting is `madvise` (Debian's default) nothing
// else asks for them. metadata_thp:always does the same for jemalloc's own bookkeeping.
// Measurements are in the README (Performance).
const char *malloc_conf = "thp:always,metadata_thp:always";

const char *briefgen_allocator_settings(void) { return malloc_conf; }
