using System.Security.Authentication;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class PlainMechanismTests
{
    [Test]
    public void Without_an_authorization_identity_the_message_starts_with_NUL()
    {
        var mechanism = new PlainMechanism("tim", "tanstaaftanstaaf");

        var message = mechanism.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(message, Is.EqualTo("\0tim\0tanstaaftanstaaf"u8.ToArray()));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void An_authorization_identity_comes_first()
    {
        // RFC 4616 section 4, second example.
        var mechanism = new PlainMechanism("Kurt", "xipj3plmq", "Ursel");

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("Ursel\0Kurt\0xipj3plmq"u8.ToArray()));
    }

    [Test]
    public void An_empty_authorization_identity_is_omitted()
    {
        var mechanism = new PlainMechanism("tim", "secret", "");

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("\0tim\0secret"u8.ToArray()));
    }

    [Test]
    public void Non_ascii_values_are_utf8()
    {
        var mechanism = new PlainMechanism("jürgen", "pässwörd");

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("\0j\u00fcrgen\0p\u00e4ssw\u00f6rd"u8.ToArray()));
    }

    [Test]
    public void Without_SASL_IR_the_message_answers_the_empty_challenge()
    {
        var mechanism = new PlainMechanism("tim", "tanstaaftanstaaf");

        var message = mechanism.Respond([]);

        Assert.Multiple(() =>
        {
            Assert.That(message, Is.EqualTo("\0tim\0tanstaaftanstaaf"u8.ToArray()));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Is_client_first()
    {
        var mechanism = new PlainMechanism("tim", "secret");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("PLAIN"));
            Assert.That(mechanism.SupportsInitialResponse, Is.True);
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void A_non_empty_first_challenge_throws()
    {
        var mechanism = new PlainMechanism("tim", "secret");

        Assert.That(() => mechanism.Respond("hello"u8), Throws.TypeOf<AuthenticationException>());
    }

    [Test]
    public void A_challenge_after_the_message_throws()
    {
        var mechanism = new PlainMechanism("tim", "secret");
        mechanism.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(() => mechanism.Respond([]), Throws.InvalidOperationException);
            Assert.That(() => mechanism.GetInitialResponse(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void NUL_in_any_field_is_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                () => new PlainMechanism("t\0im", "secret"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("userName"));
            Assert.That(
                () => new PlainMechanism("tim", "sec\0ret"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("password"));
            Assert.That(
                () => new PlainMechanism("tim", "secret", "\0"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("authorizationId"));
        });
    }
}
