from airlock_client.cli import main

raise SystemExit(main())
