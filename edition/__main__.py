from edition.cli import main

if __name__ == "__main__":  # not when a worker process of --jobs imports it
    main()
