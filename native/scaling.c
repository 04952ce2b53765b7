/*
 * scaling's optional native reader (N-API, C). Built at install by node-gyp when a compiler and
 * Node's headers are there (scripts/build-native.mjs); without it, src/io/ reads with the same
 * rules in JavaScript. Loaded by src/io/native.ts. Three functions:
 *
 * hugeBuffer(bytes): an ArrayBuffer of zeros in memory mapped with MADV_HUGEPAGE. A first touch of
 *   fresh 4 KiB pages costs about 3 ms a MB on the machines this tool was measured on (a page
 *   fault each, under a hypervisor); in 2 MiB pages, about 0.1 ms. Columns of points live in
 *   such buffers (src/io/column.ts).
 *
 * scanTable / scanJsonl: the rows of a block of whole lines that the byte readers' fast paths
 *   (src/io/tableBytes.ts, src/io/jsonlBytes.ts) would take, read without leaving C: each row's
 *   numbers into `out` (row-major, `base.length` values a row, `base` where the row has no
 *   value), and the run name's byte span where it differs from the row before. A scan stops at
 *   the first line it does not take whole (a blank line, a comment, a quote it does not know, a
 *   number it cannot convert exactly, a sign, a wrong field count, other keys, ...): the
 *   JavaScript reader reads that line, so rows, errors and their locations are exactly the
 *   string path's. Numbers: plain decimals with at most 15 significant digits and a power of
 *   ten within +-22, so that m x 10^e (or m / 10^-e) is one correctly rounded operation and
 *   equals JavaScript's Number() (Clinger, PLDI 1990); any other number stops the scan.
 *
 *   A call of 16,384 lines or more runs on two threads (scanSplit), with the same results.
 *
 *   Returns the rows read; state[0] = the index after the last line read, state[1] = entries in
 *   `names` (triples: row, first byte, end byte). With the optional arguments slots, lossScale,
 *   summary, the triples start segments instead (rows of one name and the same constants, the
 *   name -1 when rows have none), each with a summary of its points (see Segments).
 */
#define _GNU_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE, sched_getcpu, pthread_attr_setaffinity_np */
#include "grid.h"
#include <node_api.h>
#include <math.h>
#include <pthread.h>
#ifdef __linux__
#include <sched.h>
#else
#include <unistd.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE (2u << 20)
#define NEWLINE 10
#define CR 13
#define SPACE 32
#define QUOTE 34
#define HASH 35
#define BACKSLASH 92
#define MAX_DIGITS 15
#define ROLE_SKIP (-1)
#define ROLE_RUN (-2)

static const double POW10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* ------------------------------------------------------------------------------------------ */
/* hugeBuffer                                                                                  */

typedef struct {
  void *mapping;
  size_t length;
} Mapping;

static void unmap(napi_env env, void *data, void *hint) {
  Mapping *m = (Mapping *)hint;
  (void)data;
  int64_t adjusted;
  napi_adjust_external_memory(env, -(int64_t)m->length, &adjusted);
  munmap(m->mapping, m->length);
  free(m);
}

static napi_value HugeBuffer(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  double requested;
  napi_value result;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_double(env, argv[0], &requested) != napi_ok || !(requested >= 1) || requested > 1e12) {
    napi_throw_range_error(env, NULL, "hugeBuffer: bytes must be a number of at least 1");
    return NULL;
  }
  size_t bytes = (size_t)requested;
  /* One huge page more than asked, so that the buffer can start on a huge-page boundary. */
  size_t length = bytes + HUGE_PAGE;
  void *mapping = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) {
    napi_throw_error(env, NULL, "hugeBuffer: out of memory");
    return NULL;
  }
  uintptr_t aligned = ((uintptr_t)mapping + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
#ifdef MADV_HUGEPAGE
  madvise((void *)aligned, bytes, MADV_HUGEPAGE);
#endif
  Mapping *m = (Mapping *)malloc(sizeof(Mapping));
  if (m == NULL) {
    munmap(mapping, length);
    napi_throw_error(env, NULL, "hugeBuffer: out of memory");
    return NULL;
  }
  m->mapping = mapping;
  m->length = length;
  if (napi_create_external_arraybuffer(env, (void *)aligned, bytes, unmap, m, &result) != napi_ok) {
    munmap(mapping, length);
    free(m);
    return NULL; /* the exception is pending */
  }
  int64_t adjusted;
  napi_adjust_external_memory(env, (int64_t)length, &adjusted);
  return result;
}

/* ------------------------------------------------------------------------------------------ */
/* Numbers                                                                                     */

/*
 * Scans run inside lines that each end with a newline (the scans check that the block's last
 * byte is one), so every loop that stops at a newline needs no other bound.
 */

/*
 * A plain decimal at p: digits with an optional point (CSV: `5.` and `.5` too; JSON: digits
 * before the point, some after it, no leading zero) and an optional exponent. Sets *value and
 * returns the index after it, or NULL when the scan must stop here (not such a number, more
 * than 15 significant digits, or a power of ten beyond 22).
 */
/* The digits from p on into *mantissa; the index after them. */
static inline const uint8_t *digitsOf(const uint8_t *p, uint64_t *mantissa) {
  uint64_t m = *mantissa;
  for (;;) {
    uint32_t d = (uint32_t)*p - '0';
    if (d > 9) break;
    m = m * 10 + d;
    p++;
  }
  *mantissa = m;
  return p;
}

static inline const uint8_t *decimal(const uint8_t *p, int json, double *value) {
  const uint8_t *start = p;
  uint64_t mantissa = 0;
  /* Significant digits: those from the first nonzero one on (counted from the pointers; more than
     15 may wrap the mantissa, which is then not used). */
  while (*p == '0') p++;
  const uint8_t *first = p;
  p = digitsOf(p, &mantissa);
  int significant = (int)(p - first);
  int intDigits = (int)(p - start);
  if (json && (intDigits == 0 || (intDigits > 1 && *start == '0'))) return NULL;
  int scale = 0;
  if (*p == '.') {
    const uint8_t *fraction = ++p;
    if (significant == 0)
      while (*p == '0') p++;
    first = p;
    p = digitsOf(p, &mantissa);
    significant += (int)(p - first);
    scale = (int)(p - fraction);
    if (json && scale == 0) return NULL;
  }
  /* More than 15 significant digits may have wrapped the mantissa: not this path's number. */
  if (intDigits + scale == 0 || significant > MAX_DIGITS) return NULL;
  int exponent = 0;
  if (*p == 'e' || *p == 'E') {
    p++;
    int negative = 0;
    if (*p == '-' || *p == '+') negative = *p++ == '-';
    const uint8_t *digits = p;
    while ((unsigned)(*p - '0') <= 9) p++;
    if (p == digits || p - digits > 4) return NULL;
    for (const uint8_t *e = digits; e < p; e++) exponent = exponent * 10 + (*e - '0');
    if (negative) exponent = -exponent;
  }
  int power = exponent - scale;
  double m = (double)mantissa;
  if (mantissa == 0) *value = 0.0;
  else if (power == 0) *value = m;
  else if (power > 0 && power <= 22) *value = m * POW10[power];
  else if (power < 0 && power >= -22) *value = m / POW10[-power];
  else return NULL;
  return p;
}

/* The end of a JSON number at p (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`), or NULL. */
static const uint8_t *jsonNumberEnd(const uint8_t *p) {
  if (*p == '-') p++;
  if ((unsigned)(*p - '0') > 9) return NULL;
  if (*p == '0') p++;
  else
    while ((unsigned)(*p - '0') <= 9) p++;
  if (*p == '.') {
    const uint8_t *digits = ++p;
    while ((unsigned)(*p - '0') <= 9) p++;
    if (p == digits) return NULL;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '-' || *p == '+') p++;
    const uint8_t *digits = p;
    while ((unsigned)(*p - '0') <= 9) p++;
    if (p == digits) return NULL;
  }
  return p;
}

/* The end of a literal at p (a mismatch, a newline included, ends the compare), or NULL. */
static const uint8_t *literalEnd(const uint8_t *p, const char *literal) {
  while (*literal != 0)
    if (*p++ != (uint8_t)*literal++) return NULL;
  return p;
}

/* The end of [start, end) cut after its last newline (the whole when it ends with one). */
static const uint8_t *wholeLines(const uint8_t *start, const uint8_t *end) {
  while (end > start && end[-1] != NEWLINE) end--;
  return end;
}

/* ------------------------------------------------------------------------------------------ */
/* Arguments                                                                                   */

typedef struct {
  uint8_t *data;
  size_t length;
} Bytes;

/* Declared in grid.h: grid.c takes its arguments with it too. */
int typedArray(napi_env env, napi_value value, napi_typedarray_type want, void **data, size_t *length) {
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, value, &type, length, data, &buffer, &offset) != napi_ok || type != want) return 0;
  return 1;
}

static int bytesOf(napi_env env, napi_value value, Bytes *bytes) {
  void *data;
  size_t length;
  if (!typedArray(env, value, napi_uint8_array, &data, &length)) return 0;
  bytes->data = (uint8_t *)data;
  bytes->length = length;
  return 1;
}

/* Where a scan writes: rows of `stride` values, name triples, and the state. */
typedef struct {
  double *out;
  size_t capacity; /* rows */
  const double *base;
  size_t stride;
  int32_t *names;
  size_t nameCapacity; /* triples */
  int32_t *state;
} Output;

static int outputOf(napi_env env, napi_value base, napi_value out, napi_value names, napi_value state, Output *o) {
  void *data;
  size_t length;
  if (!typedArray(env, base, napi_float64_array, &data, &length) || length == 0) return 0;
  o->base = (const double *)data;
  o->stride = length;
  if (!typedArray(env, out, napi_float64_array, &data, &length)) return 0;
  o->out = (double *)data;
  o->capacity = length / o->stride;
  if (!typedArray(env, names, napi_int32_array, &data, &length)) return 0;
  o->names = (int32_t *)data;
  o->nameCapacity = length / 3;
  if (!typedArray(env, state, napi_int32_array, &data, &length) || length < 2) return 0;
  o->state = (int32_t *)data;
  return 1;
}

/* Whether every role's slot is inside a row of the output; throws a RangeError otherwise. */
static int rolesFit(napi_env env, const int8_t *roles, size_t count, const Output *o, const char *message) {
  for (size_t k = 0; k < count; k++) {
    if (roles[k] >= (int32_t)o->stride) {
      napi_throw_range_error(env, NULL, message);
      return 0;
    }
  }
  return 1;
}

static int argInt(napi_env env, napi_value value, int32_t *result) {
  return napi_get_value_int32(env, value, result) == napi_ok;
}

/* One scan over whole lines [p, stop) of the buffer starting at `b`: what it is given, and what it found. */
typedef struct Range Range;
struct Range {
  /* The format's arguments (Table or Jsonl). */
  const void *format;
  const uint8_t *b, *p, *stop;
  double *out;
  size_t capacity, stride;
  const double *base;
  int32_t *names;
  size_t nameCapacity;
  /* Found: rows read, name triples written, the index after the last line read. */
  size_t rows, nameCount;
  const uint8_t *end;
  /* The last name recorded. */
  const uint8_t *heldFirst;
  size_t heldLength;
  /* Segments (when slots are given): see Segments below. */
  const int32_t *slots;
  size_t slotCount;
  double lossScale;
  double *summary;
};

static Range rangeOf(const Output *o, const uint8_t *b, const uint8_t *p, const uint8_t *stop) {
  Range r;
  memset(&r, 0, sizeof r);
  r.b = b;
  r.p = p;
  r.stop = stop;
  r.out = o->out;
  r.capacity = o->capacity;
  r.stride = o->stride;
  r.base = o->base;
  r.names = o->names;
  r.nameCapacity = o->nameCapacity;
  r.end = p;
  return r;
}

/* Records row `row`'s name span when it differs from the last recorded one; 0 when names are full. */
static int nameOf(Range *r, size_t row, const uint8_t *first, const uint8_t *last) {
  size_t length = (size_t)(last - first);
  if (r->heldFirst != NULL && length == r->heldLength && memcmp(first, r->heldFirst, length) == 0) return 1;
  if (r->nameCount == r->nameCapacity) return 0;
  int32_t *triple = r->names + 3 * r->nameCount;
  triple[0] = (int32_t)row;
  triple[1] = (int32_t)(first - r->b);
  triple[2] = (int32_t)(last - r->b);
  r->nameCount++;
  r->heldFirst = first;
  r->heldLength = length;
  return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Segments                                                                                    */

/*
 * Given `slots` (the row slots of step, tokens, loss, FLOPs, then of the fields that are constant
 * within a run: params, batch, ...), a triple starts each segment: rows of one name (or none)
 * whose constant slots are the same bits. For each segment, `summary` gets, of its rows after
 * the first, what src/io/tally.ts keeps of a run's points, so that counting them needs no
 * JavaScript per row: SEGMENT_FIELDS numbers, in this order.
 */
enum {
  SEG_POINTS,
  SEG_BEST_LOSS,
  SEG_LAST_LOSS,
  SEG_STEP_MISSING,
  SEG_TOP_STEP,
  SEG_LOSS_AT_TOP_STEP,
  SEG_TOKENS_MISSING,
  SEG_TOP_TOKENS,
  SEG_LOSS_AT_TOP_TOKENS,
  /* 1 when a row has FLOPs but no tokens: its tokens depend on params, so JavaScript counts it. */
  SEG_DERIVED,
  SEGMENT_FIELDS
};
#define SLOT_STEP 0
#define SLOT_TOKENS 1
#define SLOT_LOSS 2
#define SLOT_FLOPS 3
#define SLOT_CONSTANTS 4

/* Row `row` (its values at `values`) starts a segment or extends the last one; 0 when triples are full. */
static int segmentOf(Range *r, size_t row, const uint8_t *first, const uint8_t *last, const double *values) {
  const int32_t *slots = r->slots;
  size_t length = first == NULL ? 0 : (size_t)(last - first);
  int same = row > 0 && (first == NULL ? r->heldFirst == NULL : r->heldFirst != NULL && length == r->heldLength && memcmp(first, r->heldFirst, length) == 0);
  for (size_t k = SLOT_CONSTANTS; same && k < r->slotCount; k++) same = memcmp(values + slots[k], values - r->stride + slots[k], sizeof(double)) == 0;
  double loss = values[slots[SLOT_LOSS]] * r->lossScale;
  if (!same) {
    if (r->nameCount == r->nameCapacity) return 0;
    int32_t *triple = r->names + 3 * r->nameCount;
    triple[0] = (int32_t)row;
    triple[1] = first == NULL ? -1 : (int32_t)(first - r->b);
    triple[2] = first == NULL ? -1 : (int32_t)(last - r->b);
    r->heldFirst = first;
    r->heldLength = length;
    double *s = r->summary + SEGMENT_FIELDS * r->nameCount;
    r->nameCount++;
    s[SEG_POINTS] = 0;
    s[SEG_BEST_LOSS] = INFINITY;
    s[SEG_LAST_LOSS] = NAN;
    s[SEG_STEP_MISSING] = 0;
    s[SEG_TOP_STEP] = -INFINITY;
    s[SEG_LOSS_AT_TOP_STEP] = NAN;
    s[SEG_TOKENS_MISSING] = 0;
    s[SEG_TOP_TOKENS] = -INFINITY;
    s[SEG_LOSS_AT_TOP_TOKENS] = NAN;
    s[SEG_DERIVED] = 0;
    return 1;
  }
  /* As RunTally.add: ties go to the later row. */
  double *s = r->summary + SEGMENT_FIELDS * (r->nameCount - 1);
  double step = values[slots[SLOT_STEP]], tokens = values[slots[SLOT_TOKENS]];
  s[SEG_POINTS] += 1;
  if (loss < s[SEG_BEST_LOSS]) s[SEG_BEST_LOSS] = loss;
  s[SEG_LAST_LOSS] = loss;
  if (isnan(step)) s[SEG_STEP_MISSING] = 1;
  else if (step >= s[SEG_TOP_STEP]) {
    s[SEG_TOP_STEP] = step;
    s[SEG_LOSS_AT_TOP_STEP] = loss;
  }
  if (isnan(tokens)) {
    s[SEG_TOKENS_MISSING] = 1;
    if (!isnan(values[slots[SLOT_FLOPS]])) s[SEG_DERIVED] = 1;
  } else if (tokens >= s[SEG_TOP_TOKENS]) {
    s[SEG_TOP_TOKENS] = tokens;
    s[SEG_LOSS_AT_TOP_TOKENS] = loss;
  }
  return 1;
}

/* A row read: its name (or segment) recorded; 0 when the triples are full. */
static int rowRead(Range *r, size_t row, const uint8_t *first, const uint8_t *last, const double *values) {
  if (r->slots != NULL) return segmentOf(r, row, first, last, values);
  return first == NULL || nameOf(r, row, first, last);
}

/*
 * The optional arguments of a scan after `state`: slots (Int32Array: step, tokens, loss, FLOPs,
 * then constant slots, each below the row's length), the loss scale, and summary (Float64Array,
 * SEGMENT_FIELDS a triple). Returns 0 (with an exception pending) when they are bad.
 */
static int segmentArgs(napi_env env, size_t argc, napi_value *argv, Range *r, const char *bad) {
  if (argc < 13) return 1;
  void *data;
  size_t length, summaryLength;
  napi_valuetype type;
  if (napi_typeof(env, argv[10], &type) != napi_ok || type == napi_undefined) return 1;
  if (!typedArray(env, argv[10], napi_int32_array, &data, &length) || length < SLOT_CONSTANTS ||
      napi_get_value_double(env, argv[11], &r->lossScale) != napi_ok ||
      !typedArray(env, argv[12], napi_float64_array, (void **)&r->summary, &summaryLength) ||
      summaryLength < SEGMENT_FIELDS * r->nameCapacity) {
    napi_throw_type_error(env, NULL, bad);
    return 0;
  }
  r->slots = (const int32_t *)data;
  r->slotCount = length;
  for (size_t k = 0; k < length; k++) {
    if (r->slots[k] < 0 || (size_t)r->slots[k] >= r->stride) {
      napi_throw_range_error(env, NULL, bad);
      return 0;
    }
  }
  return 1;
}

/* The scan's result to JavaScript: rows read; state[0] the index after them, state[1] the triples. */
static napi_value scanned(napi_env env, const Range *r, const Output *o) {
  o->state[0] = (int32_t)(r->end - r->b);
  o->state[1] = (int32_t)r->nameCount;
  napi_value result;
  napi_create_uint32(env, (uint32_t)r->rows, &result);
  return result;
}

/* ------------------------------------------------------------------------------------------ */
/* Two threads                                                                                 */

/*
 * A scan of many rows runs on two threads: this one reads the first half of the lines the call
 * may read (one a row of the output), a second thread the lines after them into the rest of the
 * output. A scan depends on nothing before its first line (a segment starts there), so when this
 * thread reads every line of its half, the second's rows follow its own in `out` as one scan
 * would have written them; only the second's triples (and summaries) move down after this one's,
 * their rows renumbered. When this thread stops early (a line it does not take, or triples full), the
 * second's work is dropped and the scan ends where this one did, as on one thread. A scan of
 * fewer rows, or where no thread can be started, runs on this thread alone.
 */
/* The fewest lines each thread takes: a call of fewer than twice as many runs on one thread. */
#define SPLIT_MIN_ROWS (1u << 13)

typedef void (*ScanRange)(Range *);

typedef struct {
  Range range;
  ScanRange scan;
} Half;

static void *scanHalf(void *arg) {
  Half *half = (Half *)arg;
  half->scan(&half->range);
  return NULL;
}

/* The index after the `count`th line from p, or stop when [p, stop) has fewer lines (whole lines). */
static const uint8_t *afterLines(const uint8_t *p, const uint8_t *stop, size_t count, size_t *found) {
  size_t k = 0;
  for (; k < count && p < stop; k++) p = (const uint8_t *)memchr(p, NEWLINE, (size_t)(stop - p)) + 1;
  *found = k;
  return p;
}

/*
 * Whether this process may run on another CPU than this thread's; if so, on Linux, `attr` starts
 * a thread there: one that lives a few milliseconds otherwise tends to start on this CPU, and the
 * two halves then take turns on one core (measured: no faster than one thread).
 */
static int elsewhere(pthread_attr_t *attr) {
#ifdef __linux__
  cpu_set_t cpus;
  int here = sched_getcpu();
  if (here < 0 || sched_getaffinity(0, sizeof cpus, &cpus) != 0 || CPU_COUNT(&cpus) < 2) return 0;
  CPU_CLR(here, &cpus);
  pthread_attr_setaffinity_np(attr, sizeof cpus, &cpus);
  return 1;
#else
  (void)attr;
  return sysconf(_SC_NPROCESSORS_ONLN) > 1;
#endif
}

static void scanSplit(Range *r, ScanRange scan) {
  /* The lines this call may read (at most one a row), and half of them for this thread. */
  size_t lines;
  afterLines(r->p, r->stop, r->capacity, &lines);
  size_t rows = lines / 2, triples = r->nameCapacity / 2;
  if (lines < 2 * (size_t)SPLIT_MIN_ROWS || triples == 0) {
    scan(r);
    return;
  }
  const uint8_t *mid = afterLines(r->p, r->stop, rows, &rows);
  Half second = {*r, scan};
  Range *b = &second.range;
  b->p = b->end = mid;
  b->out = r->out + rows * r->stride;
  b->capacity = r->capacity - rows;
  b->names = r->names + 3 * triples;
  b->nameCapacity = r->nameCapacity - triples;
  if (r->summary != NULL) b->summary = r->summary + SEGMENT_FIELDS * triples;
  pthread_t thread;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  int failed = !elsewhere(&attr) || pthread_create(&thread, &attr, scanHalf, &second) != 0;
  pthread_attr_destroy(&attr);
  if (failed) {
    scan(r);
    return;
  }
  const uint8_t *stop = r->stop;
  size_t capacity = r->capacity, nameCapacity = r->nameCapacity;
  r->stop = mid;
  r->capacity = rows;
  r->nameCapacity = triples;
  scan(r);
  pthread_join(thread, NULL);
  r->stop = stop;
  r->capacity = capacity;
  r->nameCapacity = nameCapacity;
  if (r->end != mid) return;
  /* This half read all its lines, so `rows` rows: the second's follow them in place. Without
     segments, the second's first triple goes when its name is the last one here (one scan would
     not have recorded it); a segment may start there, as at the start of every call. */
  size_t skip = 0;
  if (r->slots == NULL && b->nameCount > 0 && b->names[0] == 0 && r->heldFirst != NULL) {
    size_t length = (size_t)(b->names[2] - b->names[1]);
    skip = length == r->heldLength && memcmp(r->b + b->names[1], r->heldFirst, length) == 0;
  }
  size_t moved = b->nameCount - skip;
  memmove(r->names + 3 * r->nameCount, b->names + 3 * skip, 3 * moved * sizeof(int32_t));
  for (size_t k = r->nameCount; k < r->nameCount + moved; k++) r->names[3 * k] += (int32_t)rows;
  if (r->summary != NULL) memmove(r->summary + SEGMENT_FIELDS * r->nameCount, b->summary, SEGMENT_FIELDS * moved * sizeof(double));
  r->rows += b->rows;
  r->nameCount += moved;
  r->end = b->end;
}

/* ------------------------------------------------------------------------------------------ */
/* scanTable(bytes, start, end, roles: Int8Array, positive: Uint8Array, delimiter, base, out, names, state) */

typedef struct {
  const int8_t *roles;
  const uint8_t *positive;
  size_t width;
  uint8_t delimiter;
  /* 1 for the bytes an unquoted run name may hold: printable ASCII but a quote and the delimiter. */
  uint8_t nameByte[256];
} Table;

/* Whether byte c may follow a table field: the delimiter, or the line's end (a CR before it). */
static inline int fieldEnds(uint8_t c, uint8_t delimiter) { return c == delimiter || c == NEWLINE || c == CR; }

static void scanTableRange(Range *r) {
  const Table *t = (const Table *)r->format;
  const int8_t *roles = t->roles;
  const uint8_t *positive = t->positive;
  const size_t width = t->width;
  const uint8_t d = t->delimiter;
  const uint8_t *p = r->p;
  size_t rows = 0;
  /* The bytes of the last unquoted run name the byte loop below read: a field of exactly those
     bytes before a delimiter or the line's end is read as that loop would read it, and is
     compared whole instead of byte by byte (consecutive rows of a run share their name). */
  const uint8_t *plainName = NULL;
  size_t plainLength = 0;
  while (rows < r->capacity && p < r->stop) {
    const uint8_t *q = p;
    uint8_t c = *q;
    if (c == NEWLINE || c == HASH) break;
    double *row = r->out + rows * r->stride;
    memcpy(row, r->base, r->stride * sizeof(double));
    const uint8_t *nameFirst = NULL, *nameLast = NULL;
    size_t column = 0;
    int ok = 0;
    for (;;) {
      if (column == width) break;
      int role = roles[column];
      if (role >= 0) {
        while (*q == SPACE) q++;
        double value;
        const uint8_t *after = decimal(q, 0, &value);
        if (after == NULL || (positive[column] ? !(value > 0) : !(value >= 0))) break;
        row[role] = value;
        q = after;
        while (*q == SPACE) q++;
      } else if (role == ROLE_RUN) {
        const uint8_t *first = q, *last;
        if (*q == QUOTE) {
          if (width < 2) break;
          first = ++q;
          while (*q >= SPACE && *q <= 126 && *q != QUOTE) q++;
          if (*q != QUOTE) break;
          last = q++;
        } else if (plainName != NULL && plainLength < (size_t)(r->stop - q) && fieldEnds(q[plainLength], d) &&
                   memcmp(q, plainName, plainLength) == 0) {
          /* Where the loop below would stop: those bytes are name bytes, the next one is not. */
          last = q += plainLength;
        } else {
          while (t->nameByte[*q]) q++;
          last = q;
          plainName = first;
          plainLength = (size_t)(last - first);
        }
        if (*q != d && *q != NEWLINE && !(*q == CR && q[1] == NEWLINE)) break;
        while (first < last && *first == SPACE) first++;
        while (last > first && last[-1] == SPACE) last--;
        if (first == last) break;
        nameFirst = first;
        nameLast = last;
      } else if (*q == QUOTE) {
        if (width < 2) break;
        q++;
        while (*q != QUOTE && *q != NEWLINE) q++;
        if (*q != QUOTE) break;
        q++;
        if (*q != d && *q != NEWLINE && !(*q == CR && q[1] == NEWLINE)) break;
      } else {
        while (*q != d && *q != NEWLINE && *q != QUOTE) q++;
        if (*q == QUOTE) break;
      }
      column++;
      c = *q;
      if (c == d) {
        q++;
        continue;
      }
      if (c == CR && q[1] == NEWLINE) q++;
      if (*q != NEWLINE || column != width) break;
      ok = 1;
      break;
    }
    if (!ok || !rowRead(r, rows, nameFirst, nameLast, row)) break;
    rows++;
    p = q + 1;
  }
  r->rows = rows;
  r->end = p;
}

static napi_value ScanTable(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  Bytes bytes;
  int32_t start, end, delimiter;
  void *rolesData, *positiveData;
  size_t width, positiveLength;
  Output o;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 10 || !bytesOf(env, argv[0], &bytes) ||
      !argInt(env, argv[1], &start) || !argInt(env, argv[2], &end) ||
      !typedArray(env, argv[3], napi_int8_array, &rolesData, &width) ||
      !typedArray(env, argv[4], napi_uint8_array, &positiveData, &positiveLength) || positiveLength != width ||
      !argInt(env, argv[5], &delimiter) || !outputOf(env, argv[6], argv[7], argv[8], argv[9], &o) || start < 0 ||
      end < start || (size_t)end > bytes.length) {
    napi_throw_type_error(env, NULL, "scanTable: bad arguments");
    return NULL;
  }
  Table t = {(const int8_t *)rolesData, (const uint8_t *)positiveData, width, (uint8_t)delimiter, {0}};
  for (int c = SPACE; c <= 126; c++) t.nameByte[c] = c != QUOTE && c != (uint8_t)delimiter;
  if (!rolesFit(env, t.roles, width, &o, "scanTable: a role beyond the row")) return NULL;
  const uint8_t *p = bytes.data + start;
  Range r = rangeOf(&o, bytes.data, p, wholeLines(p, bytes.data + end));
  r.format = &t;
  if (!segmentArgs(env, argc, argv, &r, "scanTable: bad segment arguments")) return NULL;
  scanSplit(&r, scanTableRange);
  return scanned(env, &r, &o);
}

/* ------------------------------------------------------------------------------------------ */
/* scanJsonl(bytes, start, end, keys: Uint8Array, roles: Int8Array, positive: Uint8Array, base, out, names, state) */

static inline int jsonSpace(uint8_t c) { return c == 32 || c == 9 || c == 13; }

typedef struct {
  const uint8_t *keys, *keyEnd;
  const int8_t *roles;
  const uint8_t *positive;
  size_t count;
  /* The bytes of each key in `keys` with its closing quote, and how many keys there are. */
  const size_t *keyLengths;
  size_t keyCount;
} Jsonl;

static void scanJsonlRange(Range *r) {
  const Jsonl *j = (const Jsonl *)r->format;
  const int8_t *roles = j->roles;
  const uint8_t *positive = j->positive;
  const size_t count = j->count;
  const size_t *keyLengths = j->keyLengths;
  const size_t keyCount = j->keyCount;
  const uint8_t *stop = r->stop;
  const uint8_t *p = r->p;
  size_t rows = 0;
  /* The last run name read byte by byte below (ASCII, printable, no quote or backslash): the
     same bytes before a closing quote are that name again, compared whole. */
  const uint8_t *plainName = NULL;
  size_t plainLength = 0;
  while (rows < r->capacity && p < stop && count > 0) {
    const uint8_t *q = p;
    while (jsonSpace(*q)) q++;
    if (*q != '{') break;
    q++;
    double *row = r->out + rows * r->stride;
    memcpy(row, r->base, r->stride * sizeof(double));
    const uint8_t *key = j->keys;
    const uint8_t *nameFirst = NULL, *nameLast = NULL;
    size_t k = 0;
    int ok = 0;
    for (;;) {
      while (jsonSpace(*q)) q++;
      if (*q != QUOTE || k == count || k == keyCount) break;
      q++;
      /* The key: exactly the plan's next key and its closing quote (no key holds a newline, so
         the compare ends within the line or at its newline, before `stop`). */
      size_t keyLength = keyLengths[k];
      if (keyLength > (size_t)(stop - q) || memcmp(q, key, keyLength) != 0) break;
      key += keyLength;
      q += keyLength;
      while (jsonSpace(*q)) q++;
      if (*q != ':') break;
      q++;
      while (jsonSpace(*q)) q++;
      int role = roles[k];
      uint8_t c = *q;
      if (c == QUOTE && role == ROLE_RUN && plainName != NULL && plainLength + 1 < (size_t)(stop - q) &&
          q[1 + plainLength] == QUOTE && memcmp(q + 1, plainName, plainLength) == 0) {
        /* What the loop below would find: those bytes pass it, the quote ends it. */
        nameFirst = q + 1;
        nameLast = q + 1 + plainLength;
        q = nameLast + 1;
      } else if (c == QUOTE) {
        const uint8_t *first = ++q;
        int ascii = 1;
        while (*q >= 32 && *q != QUOTE && *q != BACKSLASH) {
          if (*q > 126) ascii = 0;
          q++;
        }
        /* A number field given a string, or a run name not in ASCII: the string path says so. */
        if (*q != QUOTE || role >= 0 || (role == ROLE_RUN && !ascii)) break;
        if (role == ROLE_RUN) {
          nameFirst = plainName = first;
          nameLast = q;
          plainLength = (size_t)(q - first);
        }
        q++;
      } else if (role == ROLE_SKIP && (c == '-' || (c >= '0' && c <= '9'))) {
        /* A number not read: its syntax only, as JSON has it. */
        q = jsonNumberEnd(q);
        if (q == NULL) break;
      } else if (c >= '0' && c <= '9') {
        double value;
        const uint8_t *after = decimal(q, 1, &value);
        if (after == NULL || role == ROLE_RUN || (positive[k] ? !(value > 0) : !(value >= 0))) break;
        row[role] = value;
        q = after;
      } else {
        const char *literal = c == 't' ? "true" : c == 'n' ? "null" : c == 'f' ? "false" : NULL;
        if (literal == NULL || role != ROLE_SKIP) break;
        q = literalEnd(q, literal);
        if (q == NULL) break;
      }
      k++;
      while (jsonSpace(*q)) q++;
      if (*q == ',') {
        q++;
        continue;
      }
      if (*q != '}') break;
      q++;
      while (jsonSpace(*q)) q++;
      if (*q != NEWLINE || k != count || k != keyCount) break;
      ok = 1;
      break;
    }
    if (!ok || !rowRead(r, rows, nameFirst, nameLast, row)) break;
    rows++;
    p = q + 1;
  }
  r->rows = rows;
  r->end = p;
}

static napi_value ScanJsonl(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  Bytes bytes, keys;
  int32_t start, end;
  void *rolesData, *positiveData;
  size_t count, positiveLength;
  Output o;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 10 || !bytesOf(env, argv[0], &bytes) ||
      !argInt(env, argv[1], &start) || !argInt(env, argv[2], &end) || !bytesOf(env, argv[3], &keys) ||
      !typedArray(env, argv[4], napi_int8_array, &rolesData, &count) ||
      !typedArray(env, argv[5], napi_uint8_array, &positiveData, &positiveLength) || positiveLength != count ||
      !outputOf(env, argv[6], argv[7], argv[8], argv[9], &o) || start < 0 || end < start || (size_t)end > bytes.length) {
    napi_throw_type_error(env, NULL, "scanJsonl: bad arguments");
    return NULL;
  }
  if (!rolesFit(env, (const int8_t *)rolesData, count, &o, "scanJsonl: a role beyond the row")) return NULL;
  /* The keys a line may have: at most `count` (more are never compared). */
  size_t *keyLengths = (size_t *)malloc((count > 0 ? count : 1) * sizeof(size_t));
  if (keyLengths == NULL) {
    napi_throw_error(env, NULL, "scanJsonl: out of memory");
    return NULL;
  }
  Jsonl j = {keys.data, keys.data + keys.length, (const int8_t *)rolesData, (const uint8_t *)positiveData, count, keyLengths, 0};
  /* Each key ends with a quote, and keys are printable ASCII (the key match relies on a key
     never holding a newline): otherwise nothing is read. */
  if (keys.length == 0 || j.keyEnd[-1] != QUOTE) j.count = 0;
  const uint8_t *keyStart = keys.data;
  for (const uint8_t *k = keys.data; k < j.keyEnd; k++) {
    if (*k < SPACE || *k > 126) j.count = 0;
    if (*k == QUOTE && j.keyCount < count) {
      keyLengths[j.keyCount++] = (size_t)(k + 1 - keyStart);
      keyStart = k + 1;
    }
  }
  /* More keys than roles: a line would need a key the scan may not read (as when `key` did not
     reach keyEnd at the line's end). */
  if (keyStart != j.keyEnd) j.keyCount = count + 1;
  const uint8_t *p = bytes.data + start;
  Range r = rangeOf(&o, bytes.data, p, wholeLines(p, bytes.data + end));
  r.format = &j;
  if (!segmentArgs(env, argc, argv, &r, "scanJsonl: bad segment arguments")) {
    free(keyLengths);
    return NULL;
  }
  scanSplit(&r, scanJsonlRange);
  free(keyLengths);
  return scanned(env, &r, &o);
}

/* ------------------------------------------------------------------------------------------ */

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"hugeBuffer", NULL, HugeBuffer, NULL, NULL, NULL, napi_default, NULL},
      {"scanTable", NULL, ScanTable, NULL, NULL, NULL, napi_default, NULL},
      {"scanJsonl", NULL, ScanJsonl, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
  gridExports(env, exports);
  return exports;
}
