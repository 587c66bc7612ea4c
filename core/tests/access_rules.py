from core.matrix import rule

# An anonymous visitor is sent to the public pages (/tin-tuc/), which link to the login page.
rule("home", anonymous=302, default=200)
rule("health", anonymous=200, default=200)
rule("set_language", method="POST", data=lambda w: {"language": "en", "next": "/"}, anonymous=302, default=302)
