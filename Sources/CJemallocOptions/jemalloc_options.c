// jemalloc's options for the `briefgen` command, read by jemalloc when it starts (before any
// Swift code runs, so they cannot be set from Swift). jemalloc declares `malloc_conf` weak;
// this definition replaces its empty one.
//
// thp:always — the heap in transparent huge pages (this machine's kernel gives them only to
// memory that asks, `madvise` mode). A full build touches about 650 MiB of fresh memory: in
// 4 KiB pages that was over 200,000 page faults, about a tenth of the build's CPU on a
// two-core virtual machine; in 2 MiB pages, about 14,000 (README, Performance).
// metadata_thp:always — jemalloc's own bookkeeping likewise.
const char *malloc_conf = "thp:always,metadata_thp:always";
