// Nothing to call: the target only defines jemalloc's `malloc_conf` (jemalloc_options.c).
#pragma once
