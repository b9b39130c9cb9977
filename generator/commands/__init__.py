"""One module per command. Each has HELP (one line), add_arguments(parser) and run(args) -> int."""
