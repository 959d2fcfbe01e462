"""Run constitution-check from a checkout: python cli.py check constitution.pdf"""

from constitution_check.cli import main

if __name__ == "__main__":
    main()
