# adstitch — see README.md. `make run` starts the demo; `make test` runs everything.
GO        ?= go
BIN       := bin/adstitch
PKGS      := ./...
APT_PKGS  := ffmpeg chromium wrk espeak-ng fonts-dejavu-core libxml2-utils redis-server
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: build run test bench lint deps web web-deps fuzz clean

build: web
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/adstitch

run: deps build
	./$(BIN) serve

# Player tests must not skip here: a missing browser fails the run.
test: deps web
	ADSTITCH_REQUIRE_PLAYER=1 ADSTITCH_REQUIRE_REDIS=1 $(GO) test -race -timeout 25m $(PKGS)
	$(GO) test -run 'TestConcurrentAppendsShareWrites' -count 3 ./analytics/spool/ # grouping: not under -race

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./manifest/ ./adserver/...
	$(GO) test -run '^$$' -bench Decide -benchmem -cpu 1 ./adserver/decision/
	$(GO) test -run '^$$' -bench 'Insert$$' -benchmem ./analytics/store/sqlitestore/
	$(GO) test -run '^$$' -bench InsertGrowing -benchtime 1x ./analytics/store/sqlitestore/
	$(GO) run ./cmd/loadbench
	$(GO) run ./cmd/eventbench -load wrk
	$(GO) run ./cmd/eventbench -load wrk -beacons server
	$(GO) run ./cmd/renderbench

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# Short fuzzing of every fuzz target in the module (their seed corpora
# run in `make test`). FUZZTIME per target.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# System packages: installed only when a tool is missing.
deps:
	@missing=""; \
	for t in ffmpeg ffprobe chromium wrk espeak-ng xmllint redis-server; do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages (missing:$$missing)"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PKGS) >/dev/null; \
	fi

# npm packages, again whenever the lockfile is newer than the install.
web-deps:
	@[ web/node_modules/.package-lock.json -nt web/package-lock.json ] || npm ci --prefix web --no-audit --no-fund

# The console (web/src, TypeScript) built into web/dist, which the binary embeds.
web: web-deps
	npm run build --prefix web

clean:
	rm -rf bin
