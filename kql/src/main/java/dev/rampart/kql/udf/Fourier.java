package dev.rampart.kql.udf;

/**
 * The discrete Fourier transform of any length, computed in O(n log n): radix-2 for powers of two, and Bluestein's
 * chirp-z rewrite of other lengths as a power-of-two convolution. Forward: X[k] = sum x[j] e^(-2 pi i jk / n),
 * unscaled; inverse: conjugate, transform, conjugate and divide by n, so that inverse(forward(x)) = x.
 */
final class Fourier {
    private Fourier() {
    }

    /** Transforms re + i im in place. */
    static void forward(double[] re, double[] im) {
        int n = re.length;
        if (n <= 1) {
            return;
        }
        if ((n & (n - 1)) == 0) {
            radix2(re, im);
        } else {
            bluestein(re, im);
        }
    }

    static void inverse(double[] re, double[] im) {
        int n = re.length;
        for (int i = 0; i < n; i++) {
            im[i] = -im[i];
        }
        forward(re, im);
        for (int i = 0; i < n; i++) {
            re[i] /= n;
            im[i] = -im[i] / n;
        }
    }

    /** Iterative Cooley-Tukey over a power-of-two length. */
    private static void radix2(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < len / 2; k++) {
                    // Each twiddle from its own angle: repeated multiplication would accumulate rounding.
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = start + k;
                    int b = a + len / 2;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /** jk = (j^2 + k^2 - (k - j)^2) / 2 turns the transform into a convolution with the chirp e^(-pi i k^2 / n). */
    private static void bluestein(double[] re, double[] im) {
        int n = re.length;
        int m = Integer.highestOneBit(2 * n - 1) << 1;
        double[] cr = new double[n];
        double[] ci = new double[n];
        for (int k = 0; k < n; k++) {
            // k^2 mod 2n keeps the angle small, so it stays exact for long series.
            long sq = (long) k * k % (2L * n);
            double angle = Math.PI * sq / n;
            cr[k] = Math.cos(angle);
            ci[k] = -Math.sin(angle);
        }
        double[] ar = new double[m];
        double[] ai = new double[m];
        double[] br = new double[m];
        double[] bi = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * cr[k] - im[k] * ci[k];
            ai[k] = re[k] * ci[k] + im[k] * cr[k];
        }
        br[0] = cr[0];
        bi[0] = -ci[0];
        for (int k = 1; k < n; k++) {
            br[k] = br[m - k] = cr[k];
            bi[k] = bi[m - k] = -ci[k];
        }
        radix2(ar, ai);
        radix2(br, bi);
        for (int i = 0; i < m; i++) {
            double r = ar[i] * br[i] - ai[i] * bi[i];
            ai[i] = ar[i] * bi[i] + ai[i] * br[i];
            ar[i] = r;
        }
        // Inverse of the convolution's transform, by conjugation.
        for (int i = 0; i < m; i++) {
            ai[i] = -ai[i];
        }
        radix2(ar, ai);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m;
            double i = -ai[k] / m;
            re[k] = r * cr[k] - i * ci[k];
            im[k] = r * ci[k] + i * cr[k];
        }
    }
}
