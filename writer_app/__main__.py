import sys

from writer_app.app import main

sys.exit(main())
