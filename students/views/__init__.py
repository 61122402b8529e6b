"""Pages by audience: `public` (anyone), `student` (signed links), `staff`."""
