"""What readers get: pages, filters, feeds, the API and CSV export, and the page cache."""
