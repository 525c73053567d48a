# wipstation — one non-recursive GNU Makefile.
#   make                 build $(B)/rel/wipstation
#   make check           every test, built with ASan/UBSan into $(B)/asan/
#   make install DESTDIR=... PREFIX=...
# Quiet by default; V=1 shows the commands.

PKG        = wipstation
B ?= build
.DEFAULT_GOAL := all
VERSION   := $(shell sed -n '1{s/^.*[(]//;s/[)].*//;p;}' debian/changelog 2>/dev/null)
ifeq ($(VERSION),)
VERSION    = 0.1.0
endif

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
LOCALEDIR  ?= $(DATADIR)/locale
LIBEXECDIR ?= $(PREFIX)/libexec
DOCDIR     ?= $(DATADIR)/doc/$(PKG)
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)

CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g

STN_STD  = -std=c11 -D_POSIX_C_SOURCE=200809L
STN_WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wold-style-definition -Wformat=2 -Wwrite-strings -Wcast-qual -Wundef -Wvla \
           -Wnull-dereference -Wimplicit-fallthrough
ifeq ($(WERROR),1)
STN_WARN += -Werror
endif
STN_HARDEN = -D_FORTIFY_SOURCE=2 -fstack-protector-strong
STN_DEFS = -DSTN_VERSION='"$(VERSION)"' -DSTN_SYSCONFDIR='"$(SYSCONFDIR)"' \
           -DSTN_LOCALEDIR='"$(LOCALEDIR)"'

# The libraries' flags come from pkg-config, whose packages `make check`, `make demo`,
# `make bench` and `make deb` install first (tools/deps.sh) and then build in a second
# make: those goals alone do not ask pkg-config, so a fresh machine's first lines say
# what is being installed rather than which .pc file is missing. The formatter's goals
# use no library.
DEPS_GOALS := check demo demo-clean bench deb clean format check-format
ifneq ($(filter-out $(DEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
PQ_CFLAGS    := $(shell $(PKG_CONFIG) --cflags libpq)
PQ_LIBS      := $(shell $(PKG_CONFIG) --libs libpq)
INIH_CFLAGS  := $(shell $(PKG_CONFIG) --cflags inih)
INIH_LIBS    := $(shell $(PKG_CONFIG) --libs inih)
CURSES_CFLAGS:= $(shell $(PKG_CONFIG) --cflags ncursesw)
CURSES_LIBS  := $(shell $(PKG_CONFIG) --libs ncursesw)
CUPS_CFLAGS  := $(shell $(PKG_CONFIG) --cflags cups 2>/dev/null || cups-config --cflags 2>/dev/null)
FT_CFLAGS    := $(shell $(PKG_CONFIG) --cflags freetype2)
FT_LIBS      := $(shell $(PKG_CONFIG) --libs freetype2)
CMOCKA_CFLAGS:= $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS  := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
JSON_CFLAGS  := $(shell $(PKG_CONFIG) --cflags json-c)
JSON_LIBS    := $(shell $(PKG_CONFIG) --libs json-c)
endif
CRYPT_LIBS    = -lcrypt

CORE_LIBS  = $(PQ_LIBS) $(INIH_LIBS) $(JSON_LIBS) $(CRYPT_LIBS)
# print/cups.c dlopen()s libcups when it first prints, print/glyph.c libfreetype when a label
# first has text the printer's font cannot show (dlopen is in glibc's libc): nothing to link
PRINT_LIBS =

ifeq ($(V),1)
Q =
say =
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q = @
say =
else
Q = @
say = @printf '  %-7s %s\n' $(1) $(2);
endif

# ---- sources (discovered: adding a file needs no Makefile edit) -------------
# base/ (libbase.a) depends on nothing; core/ (libcore.a) and print/ (libprint.a) use
# base/; rig/ (librig.a, the rig protocol's transport) uses core/ and base/; the program
# is the tui/ and cli/ objects linked with the four libraries
# (the boundaries: tests/check-layering.sh)
BASE_SRC   := $(sort $(wildcard base/*.c))
CORE_SRC   := $(sort $(wildcard core/*.c))
PRINT_SRC  := $(sort $(wildcard print/*.c))
RIG_SRC    := $(sort $(wildcard rig/*.c))
TUI_SRC    := $(sort $(wildcard tui/*.c))
CLI_SRC    := $(sort $(wildcard cli/*.c))
MIGRATIONS := $(sort $(wildcard core/migrations/*.sql))
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
DB_SRC     := $(sort $(wildcard tests/db/test_*.c))
# racecommon.c is no tool of its own: the race tools (RACE_TOOLS) link it
TOOL_SRC   := $(sort $(filter-out tests/tools/racecommon.c,$(wildcard tests/tools/*.c)))
RACE_TOOLS := faultrace holdrace
PO_FILES   := $(sort $(wildcard po/*.po))
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))

# ---- per-configuration build: rel (default) and asan (make check) -----------
REL_CFLAGS  = $(CFLAGS) $(STN_HARDEN)
ASAN_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined
ASAN_LDFLAGS = -fsanitize=address,undefined

# $(call objs,CFG,SOURCES)
objs = $(patsubst %.c,$(B)/$(1)/%.o,$(2))

define BUILD_CFG
# $(1) = configuration name, $(2) = its CFLAGS, $(3) = its LDFLAGS
$(1)_BASE_OBJ  := $$(call objs,$(1),$$(BASE_SRC))
$(1)_CORE_OBJ  := $$(call objs,$(1),$$(CORE_SRC)) $(B)/$(1)/core/migrations_gen.o
$(1)_PRINT_OBJ := $$(call objs,$(1),$$(PRINT_SRC))
$(1)_RIG_OBJ   := $$(call objs,$(1),$$(RIG_SRC))
$(1)_TUI_OBJ   := $$(call objs,$(1),$$(TUI_SRC))
$(1)_CLI_OBJ   := $$(call objs,$(1),$$(CLI_SRC))
# the words of refusals (curses-free), for the tests that say a refusal in English or Korean
$(1)_WORDS_OBJ := $(B)/$(1)/tui/reasons.o $(B)/$(1)/tui/i18n.o

$(B)/$(1)/base/%.o: base/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $(2) -MMD -MP -c -o $$@ $$<
$(B)/$(1)/core/%.o: core/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $$(PQ_CFLAGS) $$(INIH_CFLAGS) $$(JSON_CFLAGS) $(2) -MMD -MP -c -o $$@ $$<
$(B)/$(1)/core/migrations_gen.o: $(B)/migrations_gen.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(CPPFLAGS) -I. $(2) -c -o $$@ $$<
$(B)/$(1)/print/%.o: print/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $$(CUPS_CFLAGS) $$(FT_CFLAGS) $(2) -MMD -MP -c -o $$@ $$<
$(B)/$(1)/rig/%.o: rig/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $$(JSON_CFLAGS) $(2) -MMD -MP -c -o $$@ $$<
$(B)/$(1)/tui/%.o: tui/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $$(CURSES_CFLAGS) $(2) -MMD -MP -c -o $$@ $$<
# the command line sees core, print and tui through their headers only: no library flags
$(B)/$(1)/cli/%.o: cli/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $(2) -MMD -MP -c -o $$@ $$<
$(B)/$(1)/tests/%.o: tests/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $$(CMOCKA_CFLAGS) $$(PQ_CFLAGS) $$(CURSES_CFLAGS) $$(FT_CFLAGS) $$(JSON_CFLAGS) $(2) -MMD -MP -c -o $$@ $$<

$(B)/$(1)/libbase.a: $$($(1)_BASE_OBJ)
	$$(call say,AR,$$@)rm -f $$@ && $$(AR) rcs $$@ $$^
$(B)/$(1)/libcore.a: $$($(1)_CORE_OBJ)
	$$(call say,AR,$$@)rm -f $$@ && $$(AR) rcs $$@ $$^
$(B)/$(1)/libprint.a: $$($(1)_PRINT_OBJ)
	$$(call say,AR,$$@)rm -f $$@ && $$(AR) rcs $$@ $$^
$(B)/$(1)/librig.a: $$($(1)_RIG_OBJ)
	$$(call say,AR,$$@)rm -f $$@ && $$(AR) rcs $$@ $$^
# core and print both use base/, so it comes after them on every link line
$(1)_CORE_ARS := $(B)/$(1)/libcore.a $(B)/$(1)/libbase.a
$(1)_ALL_ARS  := $(B)/$(1)/librig.a $(B)/$(1)/libcore.a $(B)/$(1)/libprint.a $(B)/$(1)/libbase.a
$(B)/$(1)/wipstation: $$($(1)_CLI_OBJ) $$($(1)_TUI_OBJ) $$($(1)_ALL_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$($(1)_CLI_OBJ) $$($(1)_TUI_OBJ) \
	    $$($(1)_ALL_ARS) $$(CURSES_LIBS) $$(CORE_LIBS) $$(PRINT_LIBS)

# unit tests link core + print and the words; tests of tui's pure parts compile the module
# in themselves; the rule tests (test_rules_*.c) share their fixture (rules_fixture.c)
$(B)/$(1)/tests/unit/test_%: $(B)/$(1)/tests/unit/test_%.o $$($(1)_WORDS_OBJ) $$($(1)_ALL_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $$($(1)_WORDS_OBJ) $$($(1)_ALL_ARS) \
	    $$(CMOCKA_LIBS) $$(CORE_LIBS) $$(PRINT_LIBS) $$(CURSES_LIBS)
$(B)/$(1)/tests/unit/test_rules_%: $(B)/$(1)/tests/unit/test_rules_%.o \
                                   $(B)/$(1)/tests/unit/rules_fixture.o $$($(1)_WORDS_OBJ) $$($(1)_ALL_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $(B)/$(1)/tests/unit/rules_fixture.o \
	    $$($(1)_WORDS_OBJ) $$($(1)_ALL_ARS) $$(CMOCKA_LIBS) $$(CORE_LIBS) $$(PRINT_LIBS)
$(B)/$(1)/tests/db/test_%: $(B)/$(1)/tests/db/test_%.o $(B)/$(1)/tests/db/dbtest.o $$($(1)_WORDS_OBJ) \
                           $$($(1)_CORE_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $(B)/$(1)/tests/db/dbtest.o $$($(1)_WORDS_OBJ) \
	    $$($(1)_CORE_ARS) $$(CMOCKA_LIBS) $$(CORE_LIBS) -lpthread
$(B)/$(1)/tests/fuzz/fuzz_%: $(B)/$(1)/tests/fuzz/fuzz_%.o $(B)/$(1)/tests/fuzz/driver.o $$($(1)_ALL_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $(B)/$(1)/tests/fuzz/driver.o $$($(1)_ALL_ARS) \
	    $$(CORE_LIBS) $$(PRINT_LIBS)
$(B)/$(1)/tools/%.o: tools/%.c
	$$(call say,CC,$$@)mkdir -p $$(@D) && $$(CC) $$(STN_STD) $$(STN_WARN) $$(STN_DEFS) $$(CPPFLAGS) -I. \
	    $(2) -MMD -MP -c -o $$@ $$<
$(B)/$(1)/tools/demo-printer: $(B)/$(1)/tools/demo-printer.o
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$<
$(B)/$(1)/tools/%: $(B)/$(1)/tools/%.o $$($(1)_CORE_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $$($(1)_CORE_ARS) $$(CORE_LIBS)
# labelgen draws its reference pictures with FreeType itself (the station only dlopen()s it)
$(B)/$(1)/tests/tools/labelgen: $(B)/$(1)/tests/tools/labelgen.o $(B)/$(1)/libprint.a $(B)/$(1)/libbase.a
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $(B)/$(1)/libprint.a $(B)/$(1)/libbase.a $$(FT_LIBS)
$(B)/$(1)/tests/tools/%: $(B)/$(1)/tests/tools/%.o $$($(1)_ALL_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $$($(1)_ALL_ARS) \
	    $$(CORE_LIBS) $$(PRINT_LIBS) -lpthread
$(patsubst %,$(B)/$(1)/tests/tools/%,$(RACE_TOOLS)): $(B)/$(1)/tests/tools/%: $(B)/$(1)/tests/tools/%.o \
                                   $(B)/$(1)/tests/tools/racecommon.o $$($(1)_ALL_ARS)
	$$(call say,LD,$$@)$$(CC) $(3) $$(LDFLAGS) -o $$@ $$< $(B)/$(1)/tests/tools/racecommon.o \
	    $$($(1)_ALL_ARS) $$(CORE_LIBS) $$(PRINT_LIBS) -lpthread
endef

$(eval $(call BUILD_CFG,rel,$(REL_CFLAGS),))
$(eval $(call BUILD_CFG,asan,$(ASAN_CFLAGS),$(ASAN_LDFLAGS)))

# migrations are compiled into the binary (and installed as files for administrators)
$(B)/migrations_gen.c: $(MIGRATIONS) tools/embed-migrations.sh
	$(call say,GEN,$@)mkdir -p $(@D) && sh tools/embed-migrations.sh $(MIGRATIONS) >$@.tmp && mv $@.tmp $@

UNIT_BIN  = $(patsubst tests/unit/%.c,$(B)/asan/tests/unit/%,$(UNIT_SRC))
DB_BIN    = $(patsubst tests/db/%.c,$(B)/asan/tests/db/%,$(DB_SRC))
TOOL_BIN  = $(patsubst tests/tools/%.c,$(B)/asan/tests/tools/%,$(TOOL_SRC))
FUZZ_BIN  = $(patsubst tests/fuzz/%.c,$(B)/asan/tests/fuzz/%,$(FUZZ_SRC))
MO_FILES  = $(patsubst po/%.po,$(B)/locale/%/LC_MESSAGES/$(PKG).mo,$(PO_FILES))

$(B)/locale/%/LC_MESSAGES/$(PKG).mo: po/%.po
	$(call say,MSGFMT,$@)mkdir -p $(@D) && msgfmt --check -o $@ $<

# ---- targets -----------------------------------------------------------------
all: $(B)/rel/wipstation $(MO_FILES)

tools: $(B)/rel/tools/demo-load $(B)/rel/tools/demo-printer $(patsubst tests/tools/%.c,$(B)/rel/tests/tools/%,$(TOOL_SRC))

# make demo [PROCESS=n]: a station on an embedded throwaway PostgreSQL (see README)
demo:
	@PROCESS=$(PROCESS) B=$(B) sh tools/demo.sh run

demo-clean:
	@B=$(B) sh tools/demo.sh clean

ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
           CMOCKA_MESSAGE_OUTPUT=stdout

COUNTS = $(B)/asan/test-counts
# make check: what the tests need from Debian (tools/deps.sh), then all of them; the
# packages are installed before a second make reads the compiler flags of the libraries
check:
	@sh tools/deps.sh check
	@$(MAKE) --no-print-directory check-all
check-all: check-start check-layering check-format check-unit check-fuzz check-db check-rig check-faults check-print check-labels \
           check-tui check-kiosk check-docs
	@awk '{p += $$1; f += $$2} END {print "check: " p " passed, " f " failed"}' $(COUNTS)

check-start:
	@mkdir -p $(B)/asan && : >$(COUNTS)

check-layering: | check-start
	$(Q)sh tests/check-layering.sh && mkdir -p $(B)/asan && echo "1 0" >>$(COUNTS)

# the C sources as .clang-format lays them out (clang-format 14); make format rewrites them
check-format: | check-start
	$(Q)sh tests/count.sh $(COUNTS) sh tests/check-format.sh

format:
	$(Q)sh tests/check-format.sh fix

# Korean words come from the catalogue built here (WIPSTATION_LOCALEDIR)
check-unit: $(UNIT_BIN) $(MO_FILES) | check-start
	$(Q)WIPSTATION_LOCALEDIR=$(B)/locale sh tests/count.sh $(COUNTS) sh tests/run-unit.sh $(UNIT_BIN)

check-db: $(B)/asan/wipstation $(DB_BIN) $(TOOL_BIN) $(B)/asan/tools/demo-load $(MO_FILES) | check-start
	$(Q)WIPSTATION=$(B)/asan/wipstation DEMO_LOAD=$(B)/asan/tools/demo-load WIPSTATION_LOCALEDIR=$(B)/locale \
	    sh tests/count.sh $(COUNTS) sh tests/run-db.sh $(DB_BIN)

check-print: $(B)/asan/wipstation $(TOOL_BIN) | check-start
	$(Q)WIPSTATION=$(B)/asan/wipstation sh tests/count.sh $(COUNTS) sh tests/print/run.sh

# labels as a scanner reads them: rendered by an independent ZPL renderer (the npm package
# zpl-renderer-js, installed from tests/labels/package-lock.json), bar codes decoded by
# zbarimg and dmtxread (tests/labels/run.sh)
check-labels: $(B)/asan/tests/tools/labelgen tests/labels/node_modules/.package-lock.json | check-start
	$(Q)LABELGEN=$(B)/asan/tests/tools/labelgen LABELS_QUIET=1 \
	    sh tests/count.sh $(COUNTS) sh tests/labels/run.sh

tests/labels/node_modules/.package-lock.json: tests/labels/package.json tests/labels/package-lock.json
	$(call say,NPM,tests/labels)npm ci --prefix tests/labels --no-audit --no-fund --loglevel=error >/dev/null

check-tui: $(B)/asan/wipstation $(TOOL_BIN) $(B)/asan/tools/demo-load $(B)/asan/tools/demo-printer \
           $(MO_FILES) | check-start
	$(Q)WIPSTATION=$(B)/asan/wipstation sh tests/count.sh $(COUNTS) bash tests/tui/run.sh

# the kiosk account's login shell against a private sshd (needs root: it adds a user)
check-kiosk: | check-start
	$(Q)sh tests/count.sh $(COUNTS) bash tests/kiosk/run.sh

check-docs: $(B)/asan/wipstation | check-start
	$(Q)WIPSTATION=$(B)/asan/wipstation sh tests/count.sh $(COUNTS) sh tests/check-docs.sh

# test rigs against a station without a screen (tests/rig/run.sh)
check-rig: $(B)/asan/wipstation $(TOOL_BIN) | check-start
	$(Q)B=$(B) WIPSTATION=$(B)/asan/wipstation sh tests/count.sh $(COUNTS) sh tests/rig/run.sh

# fuzz regressions: every corpus and crash file through each target (ASan build)
check-fuzz: $(FUZZ_BIN) | check-start
	$(Q)B=$(B) sh tests/count.sh $(COUNTS) sh tests/fuzz/run.sh regress $(FUZZ_BIN)

# database faults, races under load, a short soak (tests/faults/run.sh)
check-faults: $(B)/asan/wipstation $(TOOL_BIN) | check-start
	$(Q)B=$(B) WIPSTATION=$(B)/asan/wipstation sh tests/count.sh $(COUNTS) sh tests/faults/run.sh

# long runs, not part of make check
soak: $(B)/asan/wipstation $(TOOL_BIN)
	$(Q)B=$(B) WIPSTATION=$(B)/asan/wipstation SOAK_SECONDS=$${SOAK_SECONDS:-300} tests/faults/run.sh soak

fuzz:
	$(Q)B=$(B) tests/fuzz/run.sh fuzz

bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory bench-run
bench-run: all tools
	$(Q)B=$(B) tests/bench/run.sh

# unit and integration tests under valgrind (release build; leaks are errors)
check-valgrind: $(B)/rel/wipstation $(patsubst $(B)/asan/%,$(B)/rel/%,$(UNIT_BIN) $(DB_BIN)) \
                $(B)/rel/tools/demo-load $(MO_FILES)
	$(Q)VALGRIND=1 WIPSTATION_LOCALEDIR=$(B)/locale sh tests/run-unit.sh $(patsubst $(B)/asan/%,$(B)/rel/%,$(UNIT_BIN))
	$(Q)VALGRIND=1 WIPSTATION=$(B)/rel/wipstation DEMO_LOAD=$(B)/rel/tools/demo-load WIPSTATION_LOCALEDIR=$(B)/locale \
	    sh tests/run-db.sh $(patsubst $(B)/asan/%,$(B)/rel/%,$(DB_BIN))

# the Debian package, built from a copy of the tree into $(B)/deb/
deb:
	@sh tools/deps.sh deb
	$(Q)rm -rf $(B)/deb && mkdir -p $(B)/deb/src
	$(Q)if [ -d .git ]; then git archive HEAD | tar -x -C $(B)/deb/src; \
	    else tar --exclude='./build*' --exclude=./demo -cf - . | tar -x -C $(B)/deb/src; fi
	$(Q)cd $(B)/deb/src && dpkg-buildpackage -us -uc -b >../build.log 2>&1 || { tail -n 40 ../build.log; exit 1; }
	$(Q)ls $(B)/deb/*.deb

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)/$(PKG)/labels $(DESTDIR)$(DATADIR)/$(PKG)/migrations
	install -m 0755 $(B)/rel/wipstation $(DESTDIR)$(BINDIR)/wipstation
	install -m 0644 etc/wipstation.ini $(DESTDIR)$(SYSCONFDIR)/$(PKG)/wipstation.ini
	for f in etc/labels/*.zpl; do [ -e "$$f" ] || continue; install -m 0644 "$$f" $(DESTDIR)$(SYSCONFDIR)/$(PKG)/labels/; done
	install -m 0644 $(MIGRATIONS) $(DESTDIR)$(DATADIR)/$(PKG)/migrations/
	install -d $(DESTDIR)$(LIBEXECDIR)/$(PKG) $(DESTDIR)$(DOCDIR)/examples
	install -m 0755 etc/kiosk/station-shell $(DESTDIR)$(LIBEXECDIR)/$(PKG)/station-shell
	install -m 0644 etc/kiosk/getty-autologin.conf etc/kiosk/ssh_config etc/kiosk/sshd_config \
	    $(DESTDIR)$(DOCDIR)/examples/
	for m in $(MO_FILES); do l=$${m#$(B)/locale/}; l=$${l%%/*}; \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	    install -m 0644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/$(PKG).mo; done
	for m in man/*.[1-8]; do [ -e "$$m" ] || continue; s=$${m##*.}; \
	    install -d $(DESTDIR)$(MANDIR)/man$$s; install -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/wipstation
	rm -rf $(DESTDIR)$(DATADIR)/$(PKG) $(DESTDIR)$(LIBEXECDIR)/$(PKG) $(DESTDIR)$(DOCDIR)/examples

clean:
	rm -rf $(B)

.PHONY: all build tools deb demo demo-clean check check-all bench-run check-start check-fuzz check-faults check-rig soak fuzz bench check-layering check-format format check-unit check-db check-print check-labels check-tui check-kiosk check-docs \
        check-valgrind install uninstall clean
.DELETE_ON_ERROR:
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
