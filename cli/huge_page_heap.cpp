// The heap of the tenantreach program and benchmarks: jemalloc, configured here because it reads this symbol as
// the process starts, before main. thp:always has it madvise(MADV_HUGEPAGE) every mapping it makes, so the model
// that ingest builds (tens of millions of small strings and structs on preset L) sits in 2 MiB pages: the page
// faults of fresh memory, expensive on virtual machines, were a quarter of ingest's time (docs/DECISIONS.md,
// "The program's heap is jemalloc in huge pages"). MALLOC_CONF in the environment still overrides it.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:auto";
}
