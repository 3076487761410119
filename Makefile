# Ladder: the targets an operator repo is expected to have. `make help` lists them.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help

DOTNET ?= dotnet
CONFIGURATION ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: help deps build test manifests lint bench torture e2e demo clean

help: ## List the targets.
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Install apt packages, npm tools and NuGet packages (idempotent).
	@bash hack/install-deps.sh
	@$(DOTNET) restore Operator.sln --verbosity quiet

build: deps ## Build every project.
	@$(DOTNET) build Operator.sln -c $(CONFIGURATION) --no-restore --verbosity quiet

test: build ## Run every unit and integration test (the README's test command).
	@set +e; $(DOTNET) test Operator.sln -c $(CONFIGURATION) --no-build --verbosity quiet --logger "console;verbosity=minimal" 2>&1 \
	  | bash hack/test-summary.sh; exit $${PIPESTATUS[0]}

manifests: deps ## Regenerate crds/*.yaml from the C# types in crds/Ladder.Api, and the chart's copies.
	@$(DOTNET) run --project crds/Ladder.CrdGen -c $(CONFIGURATION) -- --out crds
	@cp crds/ladder.dev_*.yaml charts/ladder/crds/

lint: deps ## Check formatting and analyzers without changing files.
	@$(DOTNET) format Operator.sln --verify-no-changes --no-restore

bench: deps ## Run the benchmarks in bench/ side by side with their peers.
	@$(DOTNET) build bench/Ladder.Bench -c $(CONFIGURATION) --verbosity quiet
	@# The startup figure times ladder-runner as the image ships it: published self-contained, as pipeline-runner/Dockerfile does.
	@$(DOTNET) publish pipeline-runner/Ladder.Runner/Ladder.Runner.csproj -c $(CONFIGURATION) --use-current-runtime --self-contained true -o out/bench/runner --verbosity quiet
	@bench/Ladder.Bench/bin/$(CONFIGURATION)/net10.0/ladder-bench --runner out/bench/runner/ladder-runner $(BENCH_ARGS)
	@$(DOTNET) run --project bench/Ladder.Bench.Operator -c $(CONFIGURATION) --verbosity quiet -- $(BENCH_OPERATOR_ARGS)
	@$(DOTNET) run --project bench/Ladder.Bench.Failover -c $(CONFIGURATION) --verbosity quiet -- $(BENCH_FAILOVER_ARGS)
	@$(DOTNET) build pipeline-runner/Ladder.Runner -c $(CONFIGURATION) --verbosity quiet
	@$(DOTNET) build bench/Ladder.Bench.Latency -c $(CONFIGURATION) --verbosity quiet
	@bench/Ladder.Bench.Latency/bin/$(CONFIGURATION)/net10.0/ladder-bench-latency $(BENCH_LATENCY_ARGS)

torture: build ## Run the whole bad-input corpus (86 broken inputs, about 7 minutes) and print its table (TORTURE_REPORT=file keeps it).
	@LADDER_TORTURE=1 LADDER_TORTURE_REPORT=$(or $(TORTURE_REPORT),$(CURDIR)/torture-report.md) $(DOTNET) test pipeline-runner/Ladder.Runner.Tests -c $(CONFIGURATION) --no-build \
	  --filter "FullyQualifiedName~BadInputCorpusTests.Runner_Should_PublishOrNameTheProblem_When_FullCorpus" --logger "console;verbosity=normal"; \
	  rc=$$?; cat $(or $(TORTURE_REPORT),$(CURDIR)/torture-report.md) 2>/dev/null; exit $$rc

e2e: build ## Run the e2e suite against LADDER_E2E_KUBECONFIG (each test reports itself skipped when unset).
	@$(DOTNET) test e2e/Ladder.E2E -c $(CONFIGURATION) --no-build --logger "console;verbosity=normal"

demo: build ## Run the standalone demo: a live ABR ladder you can watch in a browser.
	@bash hack/demo.sh

clean: ## Remove build outputs.
	@$(DOTNET) clean Operator.sln --verbosity quiet
