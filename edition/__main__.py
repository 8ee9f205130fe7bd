from edition.cli import command

if __name__ == "__main__":  # not when a worker process of --jobs imports it
    command()
