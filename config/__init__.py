"""Claimtrack's configuration.

One thread per process for numpy's linear algebra (OpenBLAS), set before numpy is first
imported, which reads it then. Matching multiplies small matrices in every request (a text's
vectors against fifty candidates'); split over every core, each product costs more in the
threads' hand-offs than in arithmetic, and the server already runs a process per core. Here
it made a match three times slower, and the match queue twice, with the other core busy.
The tokenizer of the embeddings likewise tokenizes a batch in this thread, not in a pool of
one thread per core (0.9 ms against 1.5 for fifty claims here).
"""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
