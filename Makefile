# Spire - one non-recursive Makefile.
#   make demo    install what is missing, build, load demo data, serve on :8080
#   make test    install what is missing, build with ASan+UBSan, run every suite
#   make bench   benchmarks (not part of the test suite)
#   make lint    clang-format check, cppcheck, clang-tidy, banned functions

BUILD   ?= build
CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium inih libutf8proc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lcrack -lm -lpthread
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

SPIRE     := $(BUILD)/release/spire
SPIRE_SAN := $(BUILD)/asan/spire

.PHONY: all build asan unit test demo serve bench lint setup setup-test clean format
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

$(SPIRE): $(REL_OBJ) $(BUILD)/release/src/main.o
	@echo "  LD      $@"
	@$(CC) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS)

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
	@$(MAKE) --no-print-directory asan
	@SPIRE_BIN=$(SPIRE_SAN) UNIT_BINS="$(UNIT_BIN)" scripts/run-tests.sh

PORT ?= 8080
demo: setup
	@$(MAKE) --no-print-directory build
	@scripts/demo.sh $(SPIRE) $(PORT)

# W1/W3, start-up and memory on a 100,000-child database, W6 the measures;
# see bench/README.md.
bench:
	@scripts/setup.sh --bench
	@$(MAKE) --no-print-directory build
	@bench/run.sh $(SPIRE)
	@bench/w6.sh $(SPIRE)

lint:
	@scripts/lint.sh

format:
	clang-format -i $$(find src tests/unit -name '*.[ch]')

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
