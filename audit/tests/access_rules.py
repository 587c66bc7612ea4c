from core.matrix import rule

rule("audit:trail", default=403, tinh=200)
