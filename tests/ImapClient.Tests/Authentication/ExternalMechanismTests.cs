using System.Security.Authentication;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class ExternalMechanismTests
{
    [Test]
    public void Without_an_authorization_identity_the_initial_response_is_empty()
    {
        var mechanism = new ExternalMechanism();

        var message = mechanism.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("EXTERNAL"));
            Assert.That(mechanism.SupportsInitialResponse, Is.True);
            Assert.That(message, Is.Empty);
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void The_initial_response_is_the_utf8_authorization_identity()
    {
        var mechanism = new ExternalMechanism("jürgen@example.net");

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("j\u00fcrgen@example.net"u8.ToArray()));
    }

    [Test]
    public void Without_SASL_IR_the_authorization_identity_answers_the_empty_challenge()
    {
        var mechanism = new ExternalMechanism("admin");

        var message = mechanism.Respond([]);

        Assert.Multiple(() =>
        {
            Assert.That(message, Is.EqualTo("admin"u8.ToArray()));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Unexpected_challenges_throw()
    {
        var fresh = new ExternalMechanism();
        var done = new ExternalMechanism();
        done.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(() => fresh.Respond("x"u8), Throws.TypeOf<AuthenticationException>());
            Assert.That(() => done.Respond([]), Throws.InvalidOperationException);
        });
    }
}
