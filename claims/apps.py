from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        from core import changes

        # The change feed's collections: the API's names (claims/api/urls.py).
        changes.register("claims.Claim", "claims")
        changes.register("claims.Statement", "statements")
        changes.register("claims.Citation", "citations")
        changes.register("claims.ClaimRelation", "claim-relations")
