//! Text from outside: the sanitizer that makes SafeText, Yammer body tokens, width and wrapping.
