from .access import rule

rule("home", default=200)
rule("health", anonymous=200, default=200)
rule("set_language", method="POST", data=lambda w: {"language": "en", "next": "/"}, anonymous=302, default=302)
