"""Which provider assertions count as Airlock's second factor: only those the installation
names (AIRLOCK_OIDC_SECOND_FACTOR_AMR / _ACR), read from the signed ID token. The browser
round trip against a real provider is tests/e2e/test_oidc_browser.py."""

import pytest
from django.test import override_settings

from airlock.accounts.oidc import asserted_second_factor

MFA_TOKEN = {"amr": ["pwd", "otp", "mfa"], "acr": "https://refeds.org/profile/mfa"}
PASSWORD_TOKEN = {"amr": ["pwd"], "acr": "https://refeds.org/profile/sfa"}


@pytest.mark.parametrize("claims", [MFA_TOKEN, PASSWORD_TOKEN, {}])
def test_nothing_counts_unless_configured(claims):
    with override_settings(AIRLOCK_OIDC_SECOND_FACTOR_AMR=[], AIRLOCK_OIDC_SECOND_FACTOR_ACR=[]):
        assert asserted_second_factor(claims) is False


def test_a_configured_method_in_amr_counts_and_a_password_alone_does_not():
    with override_settings(
        AIRLOCK_OIDC_SECOND_FACTOR_AMR=["mfa", "hwk"], AIRLOCK_OIDC_SECOND_FACTOR_ACR=[]
    ):
        assert asserted_second_factor(MFA_TOKEN) is True
        assert asserted_second_factor({"amr": ["hwk"]}) is True
        assert asserted_second_factor(PASSWORD_TOKEN) is False
        assert asserted_second_factor({"amr": "mfa"}) is True  # a lone string, leniently read
        assert asserted_second_factor({"acr": "mfa"}) is False  # acr is not amr


def test_a_configured_acr_counts_exactly():
    mfa = "https://refeds.org/profile/mfa"
    with override_settings(AIRLOCK_OIDC_SECOND_FACTOR_AMR=[], AIRLOCK_OIDC_SECOND_FACTOR_ACR=[mfa]):
        assert asserted_second_factor(MFA_TOKEN) is True
        assert asserted_second_factor(PASSWORD_TOKEN) is False
        assert asserted_second_factor({"acr": mfa + "/weak"}) is False
        assert asserted_second_factor({"amr": ["mfa"]}) is False
