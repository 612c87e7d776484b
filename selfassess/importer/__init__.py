"""Reading Ofsted's published inspection reports exactly, or refusing them with a reason."""
