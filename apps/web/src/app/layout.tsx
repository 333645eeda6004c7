import "./globals.css";

import type { Metadata } from "next";
import type { ReactNode } from "react";

import { Header } from "./_components/header";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: "Gatehouse",
  description: "Every tRPC procedure knows who is calling.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          <Header />
          <main className="mx-auto max-w-2xl px-4 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
