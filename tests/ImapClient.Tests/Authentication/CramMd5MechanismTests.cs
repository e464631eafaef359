using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class CramMd5MechanismTests
{
    [Test]
    public void Matches_the_RFC_2195_example()
    {
        var mechanism = new CramMd5Mechanism("tim", "tanstaaftanstaaf");

        var response = mechanism.Respond("<1896.697170952@postoffice.reston.mci.net>"u8);

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.ASCII.GetString(response), Is.EqualTo("tim b913a602c7eda7a495b4e6e7334d3890"));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Is_server_first()
    {
        var mechanism = new CramMd5Mechanism("tim", "tanstaaftanstaaf");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("CRAM-MD5"));
            Assert.That(mechanism.SupportsInitialResponse, Is.False);
            Assert.That(mechanism.IsCompleted, Is.False);
            Assert.That(() => mechanism.GetInitialResponse(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void A_second_challenge_throws()
    {
        var mechanism = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        mechanism.Respond("<1896.697170952@postoffice.reston.mci.net>"u8);

        Assert.That(() => mechanism.Respond("<again@example>"u8), Throws.InvalidOperationException);
    }

    [Test]
    public void Non_ascii_credentials_are_utf8()
    {
        // HMAC-MD5("pässwörd" as UTF-8, "<1.2@host>") computed independently.
        var mechanism = new CramMd5Mechanism("jürgen", "pässwörd");

        var response = mechanism.Respond("<1.2@host>"u8);

        Assert.That(response, Is.EqualTo(Encoding.UTF8.GetBytes("jürgen a497702c293d3795534abaf138871d77")));
    }
}
