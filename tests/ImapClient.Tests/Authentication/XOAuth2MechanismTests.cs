using System.Security.Authentication;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class XOAuth2MechanismTests
{
    private const string ErrorJson = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";

    [Test]
    public void The_initial_response_carries_the_user_and_the_bearer_token()
    {
        // Google's documented example.
        var mechanism = new XOAuth2Mechanism("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg");

        var message = mechanism.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(
                message,
                Is.EqualTo("user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\u0001\u0001"u8.ToArray()));
            Assert.That(
                Convert.ToBase64String(message),
                Is.EqualTo("dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="));
            Assert.That(mechanism.IsCompleted, Is.True);
            Assert.That(mechanism.ErrorJson, Is.Null);
        });
    }

    [Test]
    public void Is_client_first()
    {
        var mechanism = new XOAuth2Mechanism("user", "token");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("XOAUTH2"));
            Assert.That(mechanism.SupportsInitialResponse, Is.True);
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void Without_SASL_IR_the_message_answers_the_empty_challenge()
    {
        var mechanism = new XOAuth2Mechanism("user", "token");

        Assert.That(mechanism.Respond([]), Is.EqualTo("user=user\u0001auth=Bearer token\u0001\u0001"u8.ToArray()));
    }

    [Test]
    public void An_error_challenge_is_answered_with_an_empty_response_and_kept()
    {
        var mechanism = new XOAuth2Mechanism("user", "expired");
        mechanism.GetInitialResponse();

        var response = mechanism.Respond(System.Text.Encoding.UTF8.GetBytes(ErrorJson));

        Assert.Multiple(() =>
        {
            Assert.That(response, Is.Empty);
            Assert.That(mechanism.ErrorJson, Is.EqualTo(ErrorJson));
        });
    }

    [Test]
    public void The_error_path_also_works_without_SASL_IR()
    {
        var mechanism = new XOAuth2Mechanism("user", "expired");
        mechanism.Respond([]);

        var response = mechanism.Respond(System.Text.Encoding.UTF8.GetBytes(ErrorJson));

        Assert.Multiple(() =>
        {
            Assert.That(response, Is.Empty);
            Assert.That(mechanism.ErrorJson, Is.EqualTo(ErrorJson));
        });
    }

    [Test]
    public void A_second_error_challenge_throws()
    {
        var mechanism = new XOAuth2Mechanism("user", "expired");
        mechanism.GetInitialResponse();
        mechanism.Respond(System.Text.Encoding.UTF8.GetBytes(ErrorJson));

        Assert.That(() => mechanism.Respond(System.Text.Encoding.UTF8.GetBytes(ErrorJson)), Throws.InvalidOperationException);
    }

    [Test]
    public void A_non_empty_first_challenge_throws()
    {
        var mechanism = new XOAuth2Mechanism("user", "token");

        Assert.That(() => mechanism.Respond("x"u8), Throws.TypeOf<AuthenticationException>());
    }

    [Test]
    public void The_field_separator_is_rejected_in_values()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                () => new XOAuth2Mechanism("user\u0001auth=Bearer x", "token"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("userName"));
            Assert.That(
                () => new XOAuth2Mechanism("user", "tok\u0001en"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("accessToken"));
        });
    }
}
