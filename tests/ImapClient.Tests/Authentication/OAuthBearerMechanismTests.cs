using System.Security.Authentication;
using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class OAuthBearerMechanismTests
{
    private const string ErrorJson =
        "{\"status\":\"invalid_token\",\"scope\":\"example_scope\",\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}";

    [Test]
    public void Matches_the_RFC_7628_section_4_1_example()
    {
        var mechanism = new OAuthBearerMechanism("user@example.com", "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==", "server.example.com", 143);

        var message = mechanism.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(
                message,
                Is.EqualTo("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001"u8.ToArray()));
            Assert.That(
                Convert.ToBase64String(message),
                Is.EqualTo("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB"));
            Assert.That(mechanism.IsCompleted, Is.True);
            Assert.That(mechanism.ErrorJson, Is.Null);
        });
    }

    [Test]
    public void Host_and_port_are_optional()
    {
        var mechanism = new OAuthBearerMechanism("user@example.com", "token");

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("n,a=user@example.com,\u0001auth=Bearer token\u0001\u0001"u8.ToArray()));
    }

    [Test]
    public void The_user_name_is_escaped_in_the_GS2_header()
    {
        var mechanism = new OAuthBearerMechanism("a,b=c", "token", "imap.example.com");

        Assert.That(
            mechanism.GetInitialResponse(),
            Is.EqualTo("n,a=a=2Cb=3Dc,\u0001host=imap.example.com\u0001auth=Bearer token\u0001\u0001"u8.ToArray()));
    }

    [Test]
    public void An_empty_user_name_leaves_the_authorization_identity_out()
    {
        var mechanism = new OAuthBearerMechanism("", "token", port: 993);

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("n,,\u0001port=993\u0001auth=Bearer token\u0001\u0001"u8.ToArray()));
    }

    [Test]
    public void Is_client_first()
    {
        var mechanism = new OAuthBearerMechanism("user", "token");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("OAUTHBEARER"));
            Assert.That(mechanism.SupportsInitialResponse, Is.True);
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void Without_SASL_IR_the_message_answers_the_empty_challenge()
    {
        var mechanism = new OAuthBearerMechanism("user", "token");

        Assert.That(mechanism.Respond([]), Is.EqualTo("n,a=user,\u0001auth=Bearer token\u0001\u0001"u8.ToArray()));
    }

    [Test]
    public void An_error_challenge_is_answered_with_the_dummy_response_and_kept()
    {
        var mechanism = new OAuthBearerMechanism("user@example.com", "expired", "server.example.com", 143);
        mechanism.GetInitialResponse();

        var response = mechanism.Respond(Encoding.UTF8.GetBytes(ErrorJson));

        Assert.Multiple(() =>
        {
            Assert.That(response, Is.EqualTo(new byte[] { 0x01 }));
            Assert.That(mechanism.ErrorJson, Is.EqualTo(ErrorJson));
        });
    }

    [Test]
    public void A_second_error_challenge_throws()
    {
        var mechanism = new OAuthBearerMechanism("user", "expired");
        mechanism.Respond([]);
        mechanism.Respond(Encoding.UTF8.GetBytes(ErrorJson));

        Assert.That(() => mechanism.Respond(Encoding.UTF8.GetBytes(ErrorJson)), Throws.InvalidOperationException);
    }

    [Test]
    public void A_non_empty_first_challenge_throws()
    {
        var mechanism = new OAuthBearerMechanism("user", "token");

        Assert.That(() => mechanism.Respond("x"u8), Throws.TypeOf<AuthenticationException>());
    }

    [Test]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new OAuthBearerMechanism("user", "tok\u0001en"), Throws.ArgumentException);
            Assert.That(() => new OAuthBearerMechanism("user", "token", "host\u0001auth=x"), Throws.ArgumentException);
            Assert.That(() => new OAuthBearerMechanism("user", "token", port: 65536), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new OAuthBearerMechanism("user", "token", port: -1), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }
}
