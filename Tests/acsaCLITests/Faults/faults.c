// A preloaded library that makes system calls fail as a broken disk would, for the
// tests of what acsa does then (LD_PRELOAD=faults.so acsa ...). Driven by the
// environment:
//   ACSA_FAULT_FSYNC=all      fsync and fdatasync fail with EIO;
//   ACSA_FAULT_FSYNC=readonly only on descriptors opened read-only (acsa's own sync of
//                             a finished file, not SQLite's syncs while it writes);
//   ACSA_FAULT_FULL_AFTER=N   writes to files whose path contains ACSA_FAULT_PATH
//                             (default ".tmp-") fail with ENOSPC once N bytes went to
//                             them: a disk that fills up while a ledger is built.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long written = 0;

static int watched(int fd) {
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n < 0) return 0;
  path[n] = 0;
  const char *part = getenv("ACSA_FAULT_PATH");
  return strstr(path, part ? part : ".tmp-") != NULL;
}

/* Whether a write of `count` bytes to `fd` must fail as on a full disk. */
static int full(int fd, size_t count) {
  const char *limit = getenv("ACSA_FAULT_FULL_AFTER");
  if (!limit || !watched(fd)) return 0;
  if (written + (long long)count > atoll(limit)) return 1;
  written += (long long)count;
  return 0;
}

/* Whether a sync of `fd` must fail. */
static int broken(int fd) {
  const char *mode = getenv("ACSA_FAULT_FSYNC");
  if (!mode) return 0;
  if (strcmp(mode, "readonly") == 0) return (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY;
  return 1;
}

#define NEXT(name, ...) typedef __VA_ARGS__; static fn real = NULL; if (!real) real = (fn)dlsym(RTLD_NEXT, name)

int fsync(int fd) {
  NEXT("fsync", int (*fn)(int));
  if (broken(fd)) { errno = EIO; return -1; }
  return real(fd);
}

int fdatasync(int fd) {
  NEXT("fdatasync", int (*fn)(int));
  if (broken(fd)) { errno = EIO; return -1; }
  return real(fd);
}

ssize_t write(int fd, const void *buf, size_t count) {
  NEXT("write", ssize_t (*fn)(int, const void *, size_t));
  if (full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  NEXT("pwrite", ssize_t (*fn)(int, const void *, size_t, off_t));
  if (full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
  NEXT("pwrite64", ssize_t (*fn)(int, const void *, size_t, off64_t));
  if (full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int n) {
  NEXT("writev", ssize_t (*fn)(int, const struct iovec *, int));
  size_t count = 0;
  for (int i = 0; i < n; i++) count += iov[i].iov_len;
  if (full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, iov, n);
}
