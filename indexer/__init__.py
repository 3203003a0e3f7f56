"""Embeddings and the FAISS indexes ("mentions" and "knowledge"). Heavy libraries (torch,
sentence-transformers, faiss) are imported inside the functions that need them."""
