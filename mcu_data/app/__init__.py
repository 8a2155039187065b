"""What the Streamlit app needs beyond pages: caches, the session, pure view functions, charts."""
