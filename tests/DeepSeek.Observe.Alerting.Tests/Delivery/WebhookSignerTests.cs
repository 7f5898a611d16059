using System.Text;
using DeepSeek.Observe.Alerting.Delivery;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Compute_Rfc4231TestCase2_MatchesPublishedMac()
    {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        var signature = WebhookSigner.Compute("Jefe"u8, "what do ya want for nothing?"u8);

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void Verify_AlteredBody_Fails()
    {
        var key = "secret"u8.ToArray();
        var header = new WebhookSigner(key).Sign("{\"a\":1}"u8);

        Assert.True(WebhookSigner.Verify(key, "{\"a\":1}"u8, header));
        Assert.False(WebhookSigner.Verify(key, "{\"a\":2}"u8, header));
        Assert.False(WebhookSigner.Verify("other"u8, "{\"a\":1}"u8, header));
    }

    [Fact]
    public void ReadKey_TrailingNewline_IsNotPartOfKey()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "s3cret\n", Encoding.ASCII);
            Assert.Equal("s3cret"u8.ToArray(), WebhookSigner.ReadKey(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sign_NoKey_ReturnsNull() => Assert.Null(new WebhookSigner(null).Sign("x"u8));
}
