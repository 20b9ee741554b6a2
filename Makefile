# Spire - one non-recursive Makefile.
#   make demo    install what is missing, build, load demo data, serve on :8080
#   make test    install what is missing, build with ASan+UBSan, run every suite
#   make bench   benchmarks (not part of the test suite)
#   make lint    clang-format check, cppcheck, clang-tidy, banned functions
#   make fuzz    libFuzzer targets (clang, ASan+UBSan), FUZZ_SECONDS each

BUILD   ?= build
CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium libcrypto inih libutf8proc
# libpq's headers only: the PostgreSQL backend loads libpq.so.5 when a
# PostgreSQL database is first opened (src/store/pg/libpq_load.h), so a
# SQLite process never maps it and the 19 libraries it brings.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) libpq 2>/dev/null)
# libhttp-parser-dev ships no .pc file.
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldl -lhttp_parser -lcsv -lcrack -lxlsxwriter -lm -lpthread
# The release binary allocates through jemalloc (Debian's libjemalloc-dev):
# Debian's SQLite is built without lookaside, so every statement step
# allocates, and glibc's per-thread arenas grew and shrank with mprotect
# several times a request (bench/README.md, "The allocator"). The ASan
# build keeps the sanitizer's own allocator.
REL_LIBS   := $(PKG_LIBS) $(shell pkg-config --libs jemalloc 2>/dev/null)
WARN    := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -Isrc $(WARN) $(PKG_CFLAGS) -MMD -MP
REL_CFLAGS  := $(BASE_CFLAGS) -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
SAN_CFLAGS  := $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS)

LIB_SRC  := $(sort $(filter-out src/main.c,$(shell find src -name '*.c')))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

REL_OBJ  := $(LIB_SRC:%.c=$(BUILD)/release/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=$(BUILD)/asan/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/asan/tests/%)

# libFuzzer targets: the library built again with clang and coverage, one
# binary per tests/fuzz/fuzz_*.c, seeds in tests/fuzz/corpus/<target>/.
# (clang reads -Wformat=2 more strictly than gcc on va_list wrappers.)
FUZZ_CC     ?= clang-14
FUZZ_CFLAGS := $(BASE_CFLAGS) -O1 -g -fno-omit-frame-pointer \
               -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
               -Wno-format-nonliteral
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_OBJ    := $(LIB_SRC:%.c=$(BUILD)/fuzz/%.o)
FUZZ_LIB    := $(BUILD)/fuzz/libspire.a
FUZZ_BIN    := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 15

SPIRE     := $(BUILD)/release/spire
SPIRE_SAN := $(BUILD)/asan/spire

.PHONY: all build asan unit test demo serve bench lint setup setup-test clean format fuzz fuzz-build
all: build
build: $(SPIRE)
asan: $(SPIRE_SAN) $(UNIT_BIN)

$(BUILD)/release/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(REL_CFLAGS) -c $< -o $@

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/SAN  $<"
	@$(CC) $(SAN_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/FUZZ $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	@echo "  FUZZ    $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

# Each target for FUZZ_SECONDS from its seed corpus; new inputs go to
# build/fuzz/corpus, crashes to build/fuzz/findings.
fuzz: fuzz-build
	@scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

$(SPIRE): $(REL_OBJ) $(BUILD)/release/src/main.o
	@echo "  LD      $@"
	@$(CC) $(REL_CFLAGS) -o $@ $^ $(REL_LIBS)

$(SPIRE_SAN): $(SAN_OBJ) $(BUILD)/asan/src/main.o
	@echo "  LD/SAN  $@"
	@$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/asan/tests/%: tests/unit/%.c $(SAN_OBJ)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(SAN_CFLAGS) -Itests/unit -o $@ $< $(SAN_OBJ) $(PKG_LIBS) -lcmocka

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

# The whole suite, under AddressSanitizer + UBSan, ending in "N passed, N failed".
test: setup-test
	@$(MAKE) --no-print-directory asan fuzz-build
	@SPIRE_BIN=$(SPIRE_SAN) UNIT_BINS="$(UNIT_BIN)" FUZZ_BINS="$(FUZZ_BIN)" \
	    FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/run-tests.sh

PORT ?= 8080
demo: setup
	@$(MAKE) --no-print-directory build
	@scripts/demo.sh $(SPIRE) $(PORT)

# W1/W3, start-up and memory on a 100,000-child database, W6 the measures,
# W7 a Steps to Change submission, W8 the parent worker's home page, then
# W1, W3 and W6 on SQLite and PostgreSQL side by side; see bench/README.md.
bench:
	@scripts/setup.sh --bench
	@$(MAKE) --no-print-directory build
	@bench/run.sh $(SPIRE)
	@bench/w6.sh $(SPIRE)
	@bench/w7.sh $(SPIRE)
	@bench/w8.sh $(SPIRE)
	@bench/stores.sh $(SPIRE)

lint:
	@scripts/lint.sh

format:
	clang-format -i $$(find src tests/unit -name '*.[ch]')

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
