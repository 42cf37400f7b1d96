from ewo_desk.cli import main

raise SystemExit(main())
