#ifndef BRIEFGEN_ALLOCATOR_SETTINGS_H
#define BRIEFGEN_ALLOCATOR_SETTINGS_H

/// The options the `briefgen` command gives jemalloc (its `malloc_conf`).
const char *briefgen_allocator_settings(void);

#endif
