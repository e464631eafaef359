using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class LoginMechanismTests
{
    [Test]
    public void Answers_the_prompts_with_the_user_name_then_the_password()
    {
        var mechanism = new LoginMechanism("tim", "tanstaaftanstaaf");

        var first = mechanism.Respond("Username:"u8);
        var afterFirst = mechanism.IsCompleted;
        var second = mechanism.Respond("Password:"u8);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo("tim"u8.ToArray()));
            Assert.That(afterFirst, Is.False);
            Assert.That(second, Is.EqualTo("tanstaaftanstaaf"u8.ToArray()));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void The_prompt_text_is_ignored()
    {
        // Some servers send "User Name" and "Password", localized prompts, or nothing at all.
        var mechanism = new LoginMechanism("tim", "secret");

        var first = mechanism.Respond("Password:"u8);
        var second = mechanism.Respond([]);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo("tim"u8.ToArray()));
            Assert.That(second, Is.EqualTo("secret"u8.ToArray()));
        });
    }

    [Test]
    public void Non_ascii_values_are_utf8()
    {
        var mechanism = new LoginMechanism("jürgen", "pässwörd");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Respond("Username:"u8), Is.EqualTo(Encoding.UTF8.GetBytes("jürgen")));
            Assert.That(mechanism.Respond("Password:"u8), Is.EqualTo(Encoding.UTF8.GetBytes("pässwörd")));
        });
    }

    [Test]
    public void Is_server_first()
    {
        var mechanism = new LoginMechanism("tim", "secret");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("LOGIN"));
            Assert.That(mechanism.SupportsInitialResponse, Is.False);
            Assert.That(() => mechanism.GetInitialResponse(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void A_third_prompt_throws()
    {
        var mechanism = new LoginMechanism("tim", "secret");
        mechanism.Respond("Username:"u8);
        mechanism.Respond("Password:"u8);

        Assert.That(() => mechanism.Respond("Password:"u8), Throws.InvalidOperationException);
    }
}
