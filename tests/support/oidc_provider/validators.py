"""The claims this provider asserts about a person: username, e-mail, name, and how they
signed in (``amr``, ``acr``): with a second factor for members of the ``mfa`` group."""

from oauth2_provider.oauth2_validators import OAuth2Validator

MFA_GROUP = "mfa"
ACR_MFA = "https://refeds.org/profile/mfa"
ACR_SFA = "https://refeds.org/profile/sfa"


class TestProviderValidator(OAuth2Validator):
    # amr and acr travel with the openid scope (in the ID token and from userinfo).
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid", "acr": "openid"}

    def get_additional_claims(self, request):
        user = request.user
        mfa = user.groups.filter(name=MFA_GROUP).exists()
        return {
            "preferred_username": user.username,
            "email": user.email,
            "name": user.get_full_name() or user.username,
            "amr": ["pwd", "otp", "mfa"] if mfa else ["pwd"],
            "acr": ACR_MFA if mfa else ACR_SFA,
        }
