from kansencoach.cli import main

raise SystemExit(main())
