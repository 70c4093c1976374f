"""NLP technology watch: BERT vs RoBERTa pretrained from scratch, fine-tuned on the products; TF-IDF baseline."""
